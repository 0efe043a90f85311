package dev.kizuna.loyalty.points;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.scheduling.KeysetBatchJob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code points-verification}: proves for every account that each balance equals the sum of its entries' deltas
 * and that available equals what its lots hold, and names the accounts that differ in the run's outcome. One
 * statement per batch of accounts; it changes nothing.
 */
final class PointsVerificationJob extends KeysetBatchJob {
    static final String NAME = "points-verification";
    private static final int NAMED = 20;

    private final List<String> differences = new ArrayList<>();
    private long differing;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Proves every points balance equals the sum of its ledger entries and lots";
    }

    @Override
    public String defaultSchedule() {
        return "0 0 4 * * ?";
    }

    @Override
    protected int batchSize() {
        return 5_000;
    }

    @Override
    protected long total(Tx tx, Instant asOf) {
        synchronized (differences) {
            differences.clear();
            differing = 0;
        }
        return tx.sql().number("SELECT count(*) FROM points_account");
    }

    @Override
    protected List<Long> nextKeys(Tx tx, long after, int limit, Instant asOf) {
        return tx.sql().list("SELECT member_id FROM points_account WHERE member_id > ? ORDER BY member_id LIMIT ?",
                rs -> rs.getLong(1), after, limit);
    }

    @Override
    protected long process(Tx tx, List<Long> keys, Instant asOf) {
        List<String> found = tx.sql().list("""
                SELECT a.member_id, a.available, a.pending, a.reserved, a.debt, e.available, e.pending, e.reserved, e.debt, l.held
                FROM points_account a
                CROSS JOIN LATERAL (SELECT coalesce(sum(d_available), 0) AS available, coalesce(sum(d_pending), 0) AS pending,
                                           coalesce(sum(d_reserved), 0) AS reserved, coalesce(sum(d_debt), 0) AS debt
                                    FROM points_entry WHERE member_id = a.member_id) e
                CROSS JOIN LATERAL (SELECT coalesce(sum(remaining), 0) AS held FROM points_lot
                                    WHERE member_id = a.member_id AND remaining > 0) l
                WHERE a.member_id = ANY (?)
                  AND (a.available <> e.available OR a.pending <> e.pending OR a.reserved <> e.reserved
                       OR a.debt <> e.debt OR a.available <> l.held)
                ORDER BY a.member_id""",
                rs -> "member " + rs.getLong(1) + ": balance available/pending/reserved/debt "
                        + rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getLong(4) + "/" + rs.getLong(5)
                        + " but entries sum to " + rs.getLong(6) + "/" + rs.getLong(7) + "/" + rs.getLong(8) + "/"
                        + rs.getLong(9) + " and lots hold " + rs.getLong(10),
                tx.sql().longArray(keys.toArray(Long[]::new)));
        synchronized (differences) {
            differing += found.size();
            for (String f : found) {
                if (differences.size() < NAMED) {
                    differences.add(f);
                }
            }
        }
        return found.size();
    }

    @Override
    protected String outcome(long visited, long changed) {
        synchronized (differences) {
            if (differing == 0) {
                return "verified " + visited + " accounts: every balance equals its entries";
            }
            return "verified " + visited + " accounts: " + differing + " DIFFER - " + String.join("; ", differences);
        }
    }
}
