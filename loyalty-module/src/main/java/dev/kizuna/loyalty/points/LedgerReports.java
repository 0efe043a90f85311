package dev.kizuna.loyalty.points;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Database;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Monthly ledger figures for the dashboard. One grouped scan of the entries since the first month (the BRIN index on
 * {@code created_at} limits it to that range); month-end balances are walked back from today's account totals by
 * the balance deltas of the later entries, so older history is never read.
 */
final class LedgerReports implements PointsReports {
    static final int MAX_MONTHS = 120;

    private final Database db;
    private final Clock clock;
    private final ZoneId zone;

    LedgerReports(Database db, Clock clock, ZoneId zone) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
    }

    /** One month's sums as the query reads them: issued, redeemed, expired, Δavailable, Δpending. */
    private record Sums(YearMonth month, long issued, long redeemed, long expired, long dAvailable, long dPending) {
    }

    @Override
    public List<MonthFigures> monthly(int months) {
        if (months < 1 || months > MAX_MONTHS) {
            throw new InvalidInput("months", "out-of-range", 1, MAX_MONTHS);
        }
        YearMonth current = YearMonth.from(clock.instant().atZone(zone));
        YearMonth first = current.minusMonths(months - 1L);
        Instant from = first.atDay(1).atStartOfDay(zone).toInstant();
        return db.inTransaction(tx -> {
            Map<YearMonth, Sums> byMonth = new HashMap<>();
            tx.sql().list("""
                    SELECT to_char(created_at AT TIME ZONE ?, 'YYYY-MM'),
                           coalesce(sum(points) FILTER (WHERE kind IN (%s, %s) OR (kind = %s AND points > 0)), 0),
                           coalesce(-sum(d_reserved) FILTER (WHERE kind = %s), 0)
                             - coalesce(sum(points) FILTER (WHERE kind = %s), 0),
                           coalesce(-sum(points) FILTER (WHERE kind = %s), 0),
                           coalesce(sum(d_available), 0),
                           coalesce(sum(d_pending), 0)
                    FROM points_entry WHERE created_at >= ? GROUP BY 1""".formatted(LedgerKind.EARN.literal(),
                    LedgerKind.GRANT.literal(), LedgerKind.ADJUST.literal(), LedgerKind.REDEEM.literal(),
                    LedgerKind.REFUND.literal(), LedgerKind.EXPIRE.literal()), rs -> {
                Sums s = new Sums(YearMonth.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6));
                byMonth.put(s.month(), s);
                return s;
            }, zone.getId(), from);
            long[] held = tx.sql().one("SELECT coalesce(sum(available), 0), coalesce(sum(pending), 0) FROM points_account",
                    rs -> new long[]{rs.getLong(1), rs.getLong(2)}).orElse(new long[2]);
            // entries dated after the current month (a shop clock set back) are not yet part of any month end
            long available = held[0];
            long pending = held[1];
            for (Sums s : byMonth.values()) {
                if (s.month().isAfter(current)) {
                    available -= s.dAvailable();
                    pending -= s.dPending();
                }
            }
            List<MonthFigures> out = new ArrayList<>(months);
            for (YearMonth m = current; !m.isBefore(first); m = m.minusMonths(1)) {
                Sums s = byMonth.get(m);
                out.add(0, new MonthFigures(m, s == null ? 0 : s.issued(), s == null ? 0 : s.redeemed(),
                        s == null ? 0 : s.expired(), available, pending));
                if (s != null) {
                    available -= s.dAvailable();
                    pending -= s.dPending();
                }
            }
            return out;
        });
    }
}
