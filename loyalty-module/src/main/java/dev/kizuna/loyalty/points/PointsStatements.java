package dev.kizuna.loyalty.points;

import dev.kizuna.core.csv.CsvExport;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The points programme's accounts for the accountant (ASBJ Statement No. 29 / IFRS 15: unredeemed points are a
 * contract liability). For each calendar month in the shop's zone and its currency: the liability at the start,
 * points issued by source, redeemed, expired, reversed (cancelled and returned orders) and adjusted, and the
 * liability at the end, in points and in money at the point value; and an estimate of breakage (the share of issued
 * points that expire) from the shop's own past cohorts.
 *
 * <p>The liability is what members hold: available + pending + reserved − debt over every account. Each ledger
 * entry moves it by {@code d_available + d_pending + d_reserved − d_debt}; the statement sorts those moves by kind,
 * so a month's opening plus its movements is its closing, to the point, and the current month closes at the sum of
 * all accounts' balances. Confirmations, holds and releases move points between buckets and leave it unchanged.
 */
public final class PointsStatements {
    static final int MAX_MONTHS = 120;
    /** The most mature cohorts the breakage estimate reads. */
    static final int BREAKAGE_COHORTS = 12;

    /** What one source issued in a month (ORDER, REGISTRATION, SURVEY, COUPON, BIRTHDAY …). */
    public record Issued(String source, long points, long amount) {
    }

    /**
     * One month. Points, and money in minor units of {@code currency} at {@code pointValue} each. closing = opening
     * + issued + adjusted − redeemed − expired − reversed.
     */
    public record Statement(YearMonth month, String currency, long pointValue, long opening, List<Issued> issuedBySource,
                            long issued, long redeemed, long expired, long reversed, long adjusted, long closing,
                            long openingAmount, long issuedAmount, long redeemedAmount, long expiredAmount,
                            long reversedAmount, long adjustedAmount, long closingAmount) {
    }

    /** A month's points that became available, and what of them expired when their time came. */
    public record Cohort(YearMonth month, long issued, long expired) {
    }

    /**
     * The estimated breakage rate (0–1, four decimals; null without a mature cohort) over the mature cohorts: months
     * whose points have all reached their expiry (per-lot policy: a lot expires {@code expiryMonths} after it became
     * available, so a month's cohort expires in the month that many months later).
     */
    public record Breakage(BigDecimal rate, int expiryMonths, List<Cohort> cohorts) {
    }

    private final Database db;
    private final Clock clock;
    private final ZoneId zone;
    private final String currency;
    private final PointsSettings settings;

    PointsStatements(Database db, Clock clock, ZoneId zone, String currency, PointsSettings settings) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
        this.currency = currency;
        this.settings = settings;
    }

    /** Parses a month as YYYY-MM for {@code field}. */
    public static YearMonth month(String text, String field) {
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidInput(field, "points.month");
        }
    }

    /** The statements from {@code from} to {@code to} (inclusive, at most ten years, not after the current month). */
    public List<Statement> statements(YearMonth from, YearMonth to) {
        YearMonth current = YearMonth.from(clock.instant().atZone(zone));
        if (to.isAfter(current)) {
            throw new InvalidInput("to", "points.month-future");
        }
        if (from.isAfter(to)) {
            throw new InvalidInput("from", "points.month-order");
        }
        if (from.plusMonths(MAX_MONTHS).isBefore(to.plusMonths(1))) {
            throw new InvalidInput("from", "points.month-span", MAX_MONTHS);
        }
        return db.inTransaction(tx -> statements(tx, from, to, current));
    }

    /** One kind of move of the liability in one month, by source. */
    private record Move(YearMonth month, LedgerKind kind, String source, long net) {
    }

    private List<Statement> statements(Tx tx, YearMonth from, YearMonth to, YearMonth current) {
        Instant start = from.atDay(1).atStartOfDay(zone).toInstant();
        List<Move> moves = tx.sql().list("""
                SELECT to_char(created_at AT TIME ZONE ?, 'YYYY-MM'), kind, source,
                       sum(d_available + d_pending + d_reserved - d_debt)
                FROM points_entry WHERE created_at >= ? GROUP BY 1, 2, 3""",
                rs -> new Move(YearMonth.parse(rs.getString(1)), LedgerKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getLong(4)), zone.getId(), start);
        Map<YearMonth, Long> netByMonth = new HashMap<>();
        moves.forEach(m -> netByMonth.merge(m.month(), m.net(), Long::sum));
        // walk back from what the accounts hold now: entries after a month's end are not part of its closing
        long closing = tx.sql().number("SELECT coalesce(sum(available + pending + reserved - debt), 0) FROM points_account");
        for (Map.Entry<YearMonth, Long> e : netByMonth.entrySet()) {
            if (e.getKey().isAfter(to)) {
                closing -= e.getValue();
            }
        }
        List<Statement> out = new ArrayList<>();
        long value = settings.pointValueMinor();
        for (YearMonth m = to; !m.isBefore(from); m = m.minusMonths(1)) {
            long opening = closing - netByMonth.getOrDefault(m, 0L);
            Map<String, Long> issuedBy = new TreeMap<>();
            long redeemed = 0;
            long expired = 0;
            long reversed = 0;
            long adjusted = 0;
            for (Move mv : moves) {
                if (!mv.month().equals(m)) {
                    continue;
                }
                switch (mv.kind()) {
                    case EARN, GRANT -> issuedBy.merge(mv.source(), mv.net(), Long::sum);
                    case REDEEM, REFUND -> redeemed -= mv.net();
                    case EXPIRE -> expired -= mv.net();
                    case CANCEL, RETURN -> reversed -= mv.net();
                    // adjustments, and any move between buckets that changed the total (none should)
                    case ADJUST, CONFIRM, RESERVE, RELEASE -> adjusted += mv.net();
                }
            }
            List<Issued> issued = issuedBy.entrySet().stream()
                    .map(e -> new Issued(e.getKey(), e.getValue(), Math.multiplyExact(e.getValue(), value))).toList();
            long issuedTotal = issued.stream().mapToLong(Issued::points).sum();
            out.add(0, new Statement(m, currency, value, opening, issued, issuedTotal, redeemed, expired, reversed,
                    adjusted, closing, opening * value, issuedTotal * value, redeemed * value, expired * value,
                    reversed * value, adjusted * value, closing * value));
            closing = opening;
        }
        return out;
    }

    /** The breakage estimate from the mature cohorts of lots (at most the last {@value #BREAKAGE_COHORTS}). */
    public Breakage breakage() {
        int n = settings.expiryMonths();
        YearMonth current = YearMonth.from(clock.instant().atZone(zone));
        // a cohort is mature once the month its lots expire in has ended
        YearMonth lastMature = current.minusMonths(n + 1L);
        YearMonth firstMature = lastMature.minusMonths(BREAKAGE_COHORTS - 1L);
        return db.inTransaction(tx -> {
            Map<YearMonth, long[]> byMonth = new TreeMap<>();
            tx.sql().list("""
                    SELECT to_char(available_at AT TIME ZONE ?, 'YYYY-MM'), sum(amount) FROM points_lot
                    WHERE available_at >= ? AND available_at < ? GROUP BY 1""", rs -> {
                byMonth.computeIfAbsent(YearMonth.parse(rs.getString(1)), k -> new long[2])[0] = rs.getLong(2);
                return 1;
            }, zone.getId(), firstMature.atDay(1).atStartOfDay(zone).toInstant(),
                    lastMature.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
            tx.sql().list("""
                    SELECT to_char(created_at AT TIME ZONE ?, 'YYYY-MM'), -sum(points) FROM points_entry
                    WHERE kind = %s AND created_at >= ? AND created_at < ? GROUP BY 1""".formatted(LedgerKind.EXPIRE.literal()),
                    rs -> {
                        YearMonth cohort = YearMonth.parse(rs.getString(1)).minusMonths(n);
                        byMonth.computeIfAbsent(cohort, k -> new long[2])[1] += rs.getLong(2);
                        return 1;
                    }, zone.getId(), firstMature.plusMonths(n).atDay(1).atStartOfDay(zone).toInstant(),
                    lastMature.plusMonths(n + 1L).atDay(1).atStartOfDay(zone).toInstant());
            List<Cohort> cohorts = new ArrayList<>();
            long issued = 0;
            long expired = 0;
            for (Map.Entry<YearMonth, long[]> e : byMonth.entrySet()) {
                cohorts.add(new Cohort(e.getKey(), e.getValue()[0], e.getValue()[1]));
                issued += e.getValue()[0];
                expired += e.getValue()[1];
            }
            BigDecimal rate = issued == 0 ? null
                    : BigDecimal.valueOf(Math.min(expired, issued)).divide(BigDecimal.valueOf(issued), 4, RoundingMode.HALF_UP);
            return new Breakage(rate, n, cohorts);
        });
    }

    /** The statements as CSV for the accountant: UTF-8 with a BOM (as Excel opens it), one row per month and source. */
    public String csv(YearMonth from, YearMonth to) {
        CsvExport out = CsvExport.withBom().row("month", "currency", "point_value", "line", "source", "points", "amount");
        for (Statement s : statements(from, to)) {
            String m = s.month().toString();
            out.row(m, s.currency(), s.pointValue(), "opening", "", s.opening(), s.openingAmount());
            for (Issued i : s.issuedBySource()) {
                out.row(m, s.currency(), s.pointValue(), "issued", i.source(), i.points(), i.amount());
            }
            out.row(m, s.currency(), s.pointValue(), "redeemed", "", s.redeemed(), s.redeemedAmount());
            out.row(m, s.currency(), s.pointValue(), "expired", "", s.expired(), s.expiredAmount());
            out.row(m, s.currency(), s.pointValue(), "reversed", "", s.reversed(), s.reversedAmount());
            out.row(m, s.currency(), s.pointValue(), "adjusted", "", s.adjusted(), s.adjustedAmount());
            out.row(m, s.currency(), s.pointValue(), "closing", "", s.closing(), s.closingAmount());
        }
        return out.text();
    }
}
