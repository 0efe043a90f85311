package dev.kizuna.loyalty.points;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.csv.CsvExport;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.money.Amounts;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.RewardGranter;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Members' point accounts for shoppers, support and other features: balances with the next expiries and a page of
 * described history, the CSV export, bonus grants ({@link RewardGranter}, once per source and reference) and
 * manual adjustments by support staff (reason required, audit-logged).
 */
final class PointsAccounts implements PointsQueries, PointsAdjustments, RewardGranter {
    private static final int NEXT_EXPIRIES = 5;
    private static final long MAX_ADJUSTMENT = 100_000_000L;

    private final Database db;
    private final PointLedger ledger;
    private final Clock clock;
    private final ZoneId zone;
    private final PointsSettings settings;
    private final AuditLog audit;

    /** What members hold, available and pending: the shop's points liability (the metrics' gauge). */
    long liability() {
        return db.inTransaction(tx -> tx.sql().number(
                "SELECT coalesce(sum(available + pending), 0)::bigint FROM points_account"));
    }

    PointsAccounts(Database db, PointLedger ledger, Clock clock, ZoneId zone, PointsSettings settings, AuditLog audit) {
        this.db = db;
        this.ledger = ledger;
        this.clock = clock;
        this.zone = zone;
        this.settings = settings;
        this.audit = audit;
    }

    // ---- RewardGranter ----------------------------------------------------------------------------------------------

    @Override
    public boolean grant(Tx tx, long memberId, long points, String source, String sourceRef, String reason) {
        if (points <= 0) {
            throw new InvalidInput("points", "positive-whole-number");
        }
        Amounts.bounded("points", points);
        if (source == null || !source.matches("[A-Z][A-Z0-9_]{0,39}")) {
            throw new InvalidInput("source", "points.source-name");
        }
        if (sourceRef == null || sourceRef.isBlank() || sourceRef.length() > 200) {
            throw new InvalidInput("sourceRef", "required-too-long", 200);
        }
        PointLedger.Account a = ledger.lock(tx, memberId);
        Instant now = clock.instant();
        return ledger.credit(tx, a, points, PointLedger.Entry.of(LedgerKind.GRANT, points, source, sourceRef, null)
                .reason(reason, null).idem("grant:" + source + ":" + sourceRef).earned(points, now), now, true).isPresent();
    }

    // ---- adjustments ------------------------------------------------------------------------------------------------

    @Override
    public Balance adjust(String customerRef, Adjustment adjustment, String actor) {
        if (adjustment == null) {
            throw new InvalidInput("points", "points.non-zero");
        }
        if (adjustment.points() == null || adjustment.points() == 0) {
            throw new InvalidInput("points", "points.non-zero");
        }
        // compared, not Math.abs: the absolute value of -2^63 is -2^63
        if (adjustment.points() < -MAX_ADJUSTMENT || adjustment.points() > MAX_ADJUSTMENT) {
            throw new InvalidInput("points", "out-of-range", -100_000_000, 100_000_000);
        }
        if (adjustment.reason() == null || adjustment.reason().isBlank() || adjustment.reason().length() > 500) {
            throw new InvalidInput("reason", "required-too-long", 500);
        }
        if (adjustment.note() != null && adjustment.note().strip().length() > MAX_NOTE) {
            throw new InvalidInput("note", "too-long", MAX_NOTE);
        }
        long points = adjustment.points();
        String reason = adjustment.reason().strip();
        String note = adjustment.note() == null || adjustment.note().isBlank() ? null : adjustment.note().strip();
        return db.inTransaction(tx -> {
            long memberId = Members.find(tx, customerRef).orElseThrow(() -> new NotFound("no customer " + customerRef));
            PointLedger.Account a = ledger.lock(tx, memberId);
            Instant now = clock.instant();
            PointLedger.Entry e = PointLedger.Entry.of(LedgerKind.ADJUST, points, "ADMIN", null, null).reason(reason, actor)
                    .note(note);
            if (points > 0) {
                ledger.credit(tx, a, points, e, now, false);
            } else {
                if (-points > a.available()) {
                    throw new Conflict("INSUFFICIENT_POINTS", "points: only " + a.available() + " available to deduct");
                }
                ledger.debit(tx, a, -points, e, now);
            }
            Balance after = balance(tx, memberId);
            audit.record(tx, actor, "points.adjust", "customer:" + customerRef,
                    new Balance(a.available(), a.pending(), a.reserved(), a.debt()),
                    note == null ? Map.of("points", points, "reason", reason, "balance", after)
                            : Map.of("points", points, "reason", reason, "note", note, "balance", after));
            return after;
        });
    }

    // ---- PointsQueries ----------------------------------------------------------------------------------------------

    @Override
    public Balance balance(Tx tx, long memberId) {
        return ledger.find(tx, memberId).map(a -> new Balance(a.available(), a.pending(), a.reserved(), a.debt()))
                .orElse(Balance.ZERO);
    }

    @Override
    public Optional<PointsView> points(String customerRef, Locale locale, int limit, int offset, boolean requireKnown) {
        return db.inTransaction(tx -> {
            Optional<Long> member = Members.find(tx, customerRef);
            if (member.isEmpty()) {
                return requireKnown ? Optional.<PointsView>empty()
                        : Optional.of(new PointsView(customerRef, 0, 0, 0, 0, List.of(), List.of(), offset, limit, 0));
            }
            long m = member.get();
            Balance b = balance(tx, m);
            List<HistoryEntry> history = tx.sql().list("""
                    SELECT id, created_at, kind, points, order_ref, source, reason, note FROM points_entry
                    WHERE member_id = ? ORDER BY id DESC LIMIT ? OFFSET ?""",
                    rs -> {
                        String reason = ledger.reason(m, rs.getString(7));
                        String note = ledger.note(m, rs.getString(8));
                        LedgerKind kind = LedgerKind.valueOf(rs.getString(3));
                        return new HistoryEntry(rs.getLong(1), Sql.instant(rs, "created_at"), kind, rs.getLong(4),
                                LedgerText.describe(locale, kind, rs.getString(6), rs.getString(5), reason, note),
                                rs.getString(5), rs.getString(6), reason, note);
                    }, m, limit, offset);
            long total = tx.sql().number("SELECT count(*) FROM points_entry WHERE member_id = ?", m);
            return Optional.of(new PointsView(customerRef, b.available(), b.pending(), b.reserved(), b.debt(),
                    nextExpiries(tx, m), history, offset, limit, total));
        });
    }

    /** When the available points expire: per lot, or the whole balance after the inactivity period. */
    List<Expiry> nextExpiries(Tx tx, long memberId) {
        if (settings.expiryPolicy() == PointsSettings.ExpiryPolicy.INACTIVITY) {
            return tx.sql().list("SELECT available, last_earned_at FROM points_account WHERE member_id = ? AND available > 0",
                    rs -> new Expiry(expiryDay(Sql.instant(rs, "last_earned_at")), rs.getLong(1)), memberId)
                    .stream().filter(x -> x.date() != null).toList();
        }
        List<Object[]> lots = tx.sql().list("""
                SELECT available_at, remaining FROM points_lot WHERE member_id = ? AND remaining > 0
                ORDER BY available_at, id""", rs -> new Object[]{Sql.instant(rs, "available_at"), rs.getLong(2)}, memberId);
        java.util.TreeMap<LocalDate, Long> byDay = new java.util.TreeMap<>();
        for (Object[] lot : lots) {
            byDay.merge(expiryDay((Instant) lot[0]), (Long) lot[1], Long::sum);
        }
        return byDay.entrySet().stream().limit(NEXT_EXPIRIES).map(en -> new Expiry(en.getKey(), en.getValue())).toList();
    }

    /** The last shop day on which points that became available (or were last earned) at {@code from} can be spent. */
    private LocalDate expiryDay(Instant from) {
        return from == null ? null : PointsExpiryJob.expiresAt(from, settings.expiryMonths(), zone).atZone(zone).toLocalDate();
    }

    @Override
    public String csv(String customerRef, Locale locale) {
        return db.inTransaction(tx -> {
            long m = Members.find(tx, customerRef).orElseThrow(() -> new NotFound("no customer " + customerRef));
            CsvExport out = CsvExport.withBom().row("id", "created_at", "kind", "points", "available", "pending",
                    "reserved", "debt", "source", "source_ref", "order_ref", "reason", "actor", "description", "note");
            tx.sql().list("""
                    SELECT id, created_at, kind, points, d_available, d_pending, d_reserved, d_debt, source, source_ref,
                           order_ref, reason, actor, note FROM points_entry WHERE member_id = ? ORDER BY id""", rs -> {
                String reason = ledger.reason(m, rs.getString(12));
                String note = ledger.note(m, rs.getString(14));
                out.row(rs.getLong(1), Sql.instant(rs, "created_at"), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), reason, rs.getString(13),
                        LedgerText.describe(locale, LedgerKind.valueOf(rs.getString(3)), rs.getString(9), rs.getString(11), reason,
                                note), note);
                return 1;
            }, m);
            return out.text();
        });
    }
}
