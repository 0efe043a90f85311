package dev.kizuna.loyalty.points;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.scheduling.KeysetBatchJob;

import java.time.Instant;
import java.util.List;

/**
 * {@code points-confirmation}: makes the points of delivered orders whose return window has passed available, in
 * keyset batches over due orders (each batch commits with its checkpoint). Each confirmation re-evaluates the
 * member's rank at once. Hourly by default ({@code kizuna.jobs.points-confirmation.schedule}).
 */
final class PointsConfirmationJob extends KeysetBatchJob {
    static final String NAME = "points-confirmation";

    private final PointsConfirmation confirmation;

    PointsConfirmationJob(PointsConfirmation confirmation) {
        this.confirmation = confirmation;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Makes order points available once the order is delivered and its return window has passed";
    }

    @Override
    public String defaultSchedule() {
        return "0 5 * * * ?";
    }

    @Override
    protected int batchSize() {
        return 500;
    }

    @Override
    protected long total(Tx tx, Instant asOf) {
        return tx.sql().number("SELECT count(*) FROM points_order WHERE status = ? AND due_at <= ?",
                EarningStatus.PENDING, asOf);
    }

    @Override
    protected List<Long> nextKeys(Tx tx, long after, int limit, Instant asOf) {
        return tx.sql().list("""
                SELECT id FROM points_order WHERE status = ? AND due_at <= ? AND id > ? ORDER BY id LIMIT ?""",
                rs -> rs.getLong(1), EarningStatus.PENDING, asOf, after, limit);
    }

    @Override
    protected long process(Tx tx, List<Long> keys, Instant asOf) {
        long confirmed = 0;
        for (long id : keys) {
            if (confirmation.confirm(tx, id, asOf) >= 0) {
                confirmed++;
            }
        }
        return confirmed;
    }

    @Override
    protected String outcome(long visited, long changed) {
        return "confirmed the points of " + changed + " of " + visited + " due orders";
    }
}
