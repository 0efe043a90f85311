package dev.kizuna.loyalty.points;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.scheduling.KeysetBatchJob;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code points-expiry} (daily): expires what is due, in keyset batches over members. Under the {@code LOT} policy
 * each lot expires a fixed number of months after it became available (spending took the oldest lots first, so the
 * lots left are the youngest); under {@code INACTIVITY} the whole available balance expires that many months after
 * the member last earned.
 */
final class PointsExpiryJob extends KeysetBatchJob {
    static final String NAME = "points-expiry";

    private final PointLedger ledger;
    private final PointsSettings settings;
    private final ZoneId zone;

    PointsExpiryJob(PointLedger ledger, PointsSettings settings, ZoneId zone) {
        this.ledger = ledger;
        this.settings = settings;
        this.zone = zone;
    }

    /** The moment points that became available (or were last earned) at {@code from} expire. */
    static Instant expiresAt(Instant from, int months, ZoneId zone) {
        return from.atZone(zone).plusMonths(months).toInstant();
    }

    private Instant cutoff(Instant asOf) {
        return asOf.atZone(zone).minusMonths(settings.expiryMonths()).toInstant();
    }

    private boolean byLot() {
        return settings.expiryPolicy() == PointsSettings.ExpiryPolicy.LOT;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Expires points that are due (per lot, or the whole balance after a period without earning)";
    }

    @Override
    public String defaultSchedule() {
        return "0 30 0 * * ?";
    }

    @Override
    protected long total(Tx tx, Instant asOf) {
        return byLot()
                ? tx.sql().number("SELECT count(DISTINCT member_id) FROM points_lot WHERE remaining > 0 AND available_at <= ?", cutoff(asOf))
                : tx.sql().number("SELECT count(*) FROM points_account WHERE available > 0 AND last_earned_at <= ?", cutoff(asOf));
    }

    @Override
    protected List<Long> nextKeys(Tx tx, long after, int limit, Instant asOf) {
        return byLot()
                ? tx.sql().list("""
                        SELECT DISTINCT member_id FROM points_lot WHERE remaining > 0 AND available_at <= ? AND member_id > ?
                        ORDER BY member_id LIMIT ?""", rs -> rs.getLong(1), cutoff(asOf), after, limit)
                : tx.sql().list("""
                        SELECT member_id FROM points_account WHERE available > 0 AND last_earned_at <= ? AND member_id > ?
                        ORDER BY member_id LIMIT ?""", rs -> rs.getLong(1), cutoff(asOf), after, limit);
    }

    @Override
    protected long process(Tx tx, List<Long> keys, Instant asOf) {
        long expired = 0;
        Instant cutoff = cutoff(asOf);
        for (long memberId : keys) {
            ledger.lock(tx, memberId);
            boolean due = byLot() || tx.sql().number(
                    "SELECT count(*) FROM points_account WHERE member_id = ? AND last_earned_at <= ?", memberId, cutoff) > 0;
            // Under LOT only the lots past the cutoff; under INACTIVITY every live lot of an inactive member.
            long points = !due ? 0 : tx.sql().number("""
                    WITH x AS (UPDATE points_lot p SET remaining = 0
                               FROM (SELECT id, remaining FROM points_lot
                                     WHERE member_id = ? AND remaining > 0 AND (NOT ? OR available_at <= ?)) o
                               WHERE p.id = o.id RETURNING o.remaining)
                    SELECT coalesce(sum(remaining), 0) FROM x""", memberId, byLot(), cutoff);
            if (points > 0) {
                ledger.append(tx, memberId, PointLedger.Entry.of(LedgerKind.EXPIRE, -points, "EXPIRY", null, null)
                        .deltas(-points, 0, 0, 0), 0, asOf, false);
                expired += points;
            }
        }
        return expired;
    }

    @Override
    protected String outcome(long visited, long changed) {
        return "expired " + changed + " points of " + visited + " members";
    }
}
