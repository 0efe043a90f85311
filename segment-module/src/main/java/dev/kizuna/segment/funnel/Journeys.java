package dev.kizuna.segment.funnel;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.RankFacts;
import dev.kizuna.core.ports.RankLadder;
import dev.kizuna.core.ports.SqlCondition;
import dev.kizuna.core.text.InputDates;
import dev.kizuna.segment.rfm.RfmDefinitions;
import dev.kizuna.segment.rfm.RfmSegmentDefinition;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;

/**
 * The customer journey: the funnel registration → first, second, third order → regular, and retention by
 * first-order month, both computed over the mirror in one pass; and the merchant's definition of a regular.
 */
public final class Journeys {
    /** How far back the funnel and the cohorts look when not told: this month and the eleven before it. */
    static final int DEFAULT_MONTHS = 12;

    private final Database db;
    private final JourneyStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final ModulePorts ports;

    Journeys(Database db, JourneyStore store, AuditLog audit, Clock clock, ZoneId zone, ModulePorts ports) {
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
        this.ports = ports;
    }

    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /** The first day of the default window's first month. */
    public LocalDate defaultFrom() {
        return today().withDayOfMonth(1).minusMonths(DEFAULT_MONTHS - 1);
    }

    /** The funnel of the members registered from {@code from} to {@code to} (days in the shop's zone; null: default). */
    public FunnelReport funnel(FunnelBreakdown by, LocalDate from, LocalDate to) {
        LocalDate f = from == null ? defaultFrom() : from;
        LocalDate t = to == null ? today() : to;
        checkPeriod(f, t);
        Funnel funnel = new Funnel(by, zone);
        return db.inTransaction(tx -> {
            RegularDefinition regular = store.regular(tx);
            store.journeys(tx, regular, rankCondition(regular), f.atStartOfDay(zone).toInstant(),
                    t.plusDays(1).atStartOfDay(zone).toInstant(), by == FunnelBreakdown.CATEGORY, funnel::add);
            return funnel.report(f, t, regular);
        });
    }

    /** Retention of the cohorts whose first order fell from month {@code from} to {@code to} (null: default). */
    public RetentionReport retention(YearMonth from, YearMonth to) {
        YearMonth current = YearMonth.from(today());
        YearMonth f = from == null ? current.minusMonths(DEFAULT_MONTHS - 1) : from;
        YearMonth t = to == null ? current : to;
        checkPeriod(f, t);
        Retention retention = new Retention(zone, f, t, current);
        return db.inTransaction(tx -> {
            store.orderTimes(tx, retention::add);
            return retention.report();
        });
    }

    /** The funnel and the cohorts of the same period, as the console shows them together. */
    public record Overview(FunnelReport funnel, RetentionReport retention) {
    }

    /**
     * The funnel of the members registered from {@code from} to {@code to} and the retention of the first-order
     * months of that period (null: the default window), from one pass over the members and their orders.
     */
    public Overview overview(FunnelBreakdown by, LocalDate from, LocalDate to) {
        LocalDate f = from == null ? defaultFrom() : from;
        LocalDate t = to == null ? today() : to;
        checkPeriod(f, t);
        long registeredFrom = f.atStartOfDay(zone).toEpochSecond();
        long registeredTo = t.plusDays(1).atStartOfDay(zone).toEpochSecond();
        Funnel funnel = new Funnel(by, zone);
        Retention retention = new Retention(zone, YearMonth.from(f), YearMonth.from(t), YearMonth.from(today()));
        return db.inTransaction(tx -> {
            RegularDefinition regular = store.regular(tx);
            store.journeys(tx, regular, rankCondition(regular), null, null, by == FunnelBreakdown.CATEGORY, m -> {
                if (m.registeredAt() >= registeredFrom && m.registeredAt() < registeredTo) {
                    funnel.add(m);
                }
                retention.add(m.orderedAt());
            });
            return new Overview(funnel.report(f, t, regular), retention.report());
        });
    }

    /**
     * Refuses a period whose end comes before its start, or with a year past the database's timestamps (+294277 is
     * a typo or an attack), before any query.
     */
    private static <T extends Temporal & Comparable<? super T>> void checkPeriod(T from, T to) {
        if (!InputDates.sane(from.get(ChronoField.YEAR))) {
            throw new InvalidInput("from", "year-out-of-range", InputDates.MIN_YEAR_TEXT, InputDates.MAX_YEAR_TEXT);
        }
        if (!InputDates.sane(to.get(ChronoField.YEAR))) {
            throw new InvalidInput("to", "year-out-of-range", InputDates.MIN_YEAR_TEXT, InputDates.MAX_YEAR_TEXT);
        }
        if (to.compareTo(from) < 0) {
            throw new InvalidInput("to", "not-before", from.toString());
        }
    }

    public RegularDefinition regular() {
        return db.inTransaction(store::regular);
    }

    /** Replaces the definition of a regular: RFM segments of the map and a rank of the ladder; audit-logged. */
    public RegularDefinition saveRegular(RegularDefinition d, String actor) {
        List<String> known = ports.find(RfmDefinitions.class).map(r -> r.current().segments().stream()
                .map(RfmSegmentDefinition::key).toList()).orElse(List.of());
        for (String key : d.rfmSegments()) {
            if (!known.contains(key)) {
                throw new InvalidInput("rfmSegments", "unknown-segment", key);
            }
        }
        if (d.rankAtLeast() != null) {
            RankLadder.requireListed(ports.find(RankLadder.class), List.of(d.rankAtLeast()), "rankAtLeast");
        }
        RegularDefinition clean = new RegularDefinition(d.rfmSegments().stream().distinct().toList(), d.rankAtLeast());
        return db.inTransaction(tx -> {
            RegularDefinition before = store.regular(tx);
            store.saveRegular(tx, clean, actor, clock.instant());
            audit.record(tx, actor, "segments.journey-regular.update", "journey-regular", before, clean);
            return clean;
        });
    }

    private SqlCondition rankCondition(RegularDefinition d) {
        if (d.rankAtLeast() == null) {
            return null;
        }
        Optional<RankFacts> ranks = ports.find(RankFacts.class);
        return ranks.map(r -> r.rankAtLeast(d.rankAtLeast())).orElse(null);
    }

    /** The funnel as CSV: one row per group and step. */
    public String funnelCsv(FunnelReport report) {
        return JourneyCsv.funnel(report);
    }

    public String retentionCsv(RetentionReport report) {
        return JourneyCsv.retention(report);
    }
}
