package dev.kizuna.loyalty.rank;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.MemberDiscount;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.RankKeeping;
import dev.kizuna.core.ports.RankLadder;
import dev.kizuna.core.ports.RankReevaluation;
import dev.kizuna.core.scheduling.CronSchedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Members' ranks as the other features, the host and the console see them: the benefits a member's rank gives,
 * the immediate re-evaluation after points are confirmed, the rank status with what is missing for the next rank,
 * and the edits of the ladder.
 */
final class MemberRanks implements RankQueries, RankBenefits, RankReevaluation, RankLadder, RankKeeping {
    private static final int STATUS_HISTORY = 20;

    private final Database db;
    private final RankStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;
    private final CronSchedule schedule;
    private final Catalog catalog;

    MemberRanks(Database db, RankStore store, Clock clock, ZoneId zone, AuditLog audit, KizunaConfig config,
                Catalog catalog) {
        this.db = db;
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
        String cron = RankRecalculationJob.effectiveSchedule(config);
        try {
            this.schedule = CronSchedule.parse(cron, zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the rank-recalculation schedule is not a Quartz cron: " + cron, e);
        }
    }

    // ---- RankBenefits, RankReevaluation ------------------------------------------------------------------------

    @Override
    public Benefits benefitsOf(Tx tx, long memberId) {
        return store.benefits(tx, memberId);
    }

    /** The same benefits as {@link #benefitsOf(Tx, long)}, for many members in one statement. */
    @Override
    public Map<Long, Benefits> benefitsOf(Tx tx, long[] memberIds) {
        Map<Long, Benefits> out = new HashMap<>();
        tx.sql().list("""
                SELECT t.id, d.code, d.point_multiplier_percent, d.free_shipping_threshold, d.birthday_bonus_points,
                       CASE WHEN m.locale = 'en' THEN d.perks_en ELSE d.perks_ja END::text,
                       d.member_discount_percent, d.member_discount_by_category::text
                FROM unnest(?::bigint[]) AS t(id) LEFT JOIN member m ON m.id = t.id
                LEFT JOIN member_rank r ON r.member_id = t.id
                JOIN rank_definition d ON d.code = coalesce(r.rank_code, (SELECT code FROM rank_definition WHERE level = 0))""",
                rs -> {
                    long free = rs.getLong(4);
                    Long freeShipping = rs.wasNull() ? null : free;
                    return out.put(rs.getLong(1), new Benefits(rs.getString(2), rs.getInt(3), freeShipping, rs.getLong(5),
                            perks(rs.getString(6)), RankStore.discount(rs.getInt(7), rs.getString(8))));
                }, tx.sql().longArray(memberIds));
        for (long id : memberIds) {
            out.putIfAbsent(id, Benefits.NONE);
        }
        return out;
    }

    private static List<String> perks(String jsonArray) {
        try {
            return Arrays.asList(Json.MAPPER.readValue(jsonArray, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("perks are not a JSON array of texts: " + jsonArray, e);
        }
    }

    @Override
    public void reevaluate(Tx tx, long memberId, Instant asOf) {
        RankProgram program = store.program(tx);
        QualificationWindow window = QualificationWindow.of(asOf, program.windowMonths(), zone);
        List<RankStore.MemberDecision> decisions = new ArrayList<>(1);
        for (RankStore.Judged j : store.figures(tx, List.of(memberId), window, program.usesSpend())) {
            decisions.add(new RankStore.MemberDecision(memberId, j.current(),
                    RankPolicy.reevaluate(program, j.current(), j.figures(), window.lastDay()), j.figures()));
        }
        store.apply(tx, decisions, RankQueries.HistoryTrigger.CONFIRMATION, window, asOf);
    }

    // ---- RankQueries ---------------------------------------------------------------------------------------------

    @Override
    public Optional<RankStatus> status(String customerRef, Locale locale, boolean requireKnown) {
        return db.inTransaction(tx -> {
            Optional<Long> member = Members.find(tx, customerRef);
            if (member.isEmpty() && requireKnown) {
                return Optional.empty();
            }
            return Optional.of(status(tx, customerRef, member.orElse(null), locale));
        });
    }

    private RankStatus status(Tx tx, String customerRef, Long memberId, Locale locale) {
        RankProgram program = store.program(tx);
        Instant now = clock.instant();
        QualificationWindow window = QualificationWindow.of(now, program.windowMonths(), zone);
        MemberRank current = memberId == null ? null : store.memberRank(tx, memberId).orElse(null);
        List<RankOutlook.DayEarning> earnings = memberId == null ? List.of() : store.earningsByDay(tx, memberId, window);
        // one member's spend is cheap to read and the status shows it even when no rank judges it
        List<RankOutlook.DaySpend> spends = memberId == null ? List.of() : store.spendByDay(tx, memberId, window);
        QualifyingFigures figures = RankOutlook.figuresFrom(window.firstDay(), earnings, spends);
        RankDefinition held = program.rankOrBase(current == null ? null : current.rankCode());
        LocalDate heldUntil = RankOutlook.heldUntil(program, current, window.lastDay(), earnings, spends,
                day -> nextJudgementDay(day, now));
        boolean kept = current != null && !held.isBase() && current.heldUntil() != null;
        NextRank next = program.next(held).map(r -> new NextRank(summary(r, locale), thresholds(r.thresholds()),
                shortfall(r.thresholds().shortfall(figures)), benefitsView(r, locale))).orElse(null);
        ThresholdsView toKeep = held.qualifies(figures) ? null : shortfall(held.thresholds().shortfall(figures));
        RankKeeping.Keep keep = keep(program, held, window, earnings, spends, now).orElse(null);
        List<HistoryEntry> history = memberId == null ? List.of() : history(tx, program, memberId, locale, STATUS_HISTORY);
        return new RankStatus(customerRef, summary(held, locale), current == null || held.isBase() ? null : current.since(),
                heldUntil, kept, benefitsView(held, locale),
                new Progress(figures.points(), figures.orders(), figures.spend(), window.firstDay(), window.lastDay()),
                toKeep, next, history, keep == null ? null : new KeepView(keep.judgementDay(),
                        new ThresholdsView(keep.points(), keep.orders(), keep.spend()), keep.kept()));
    }

    /** A rank's benefits in the reader's language, its member price's categories by the host's names. */
    private RankBenefitsView benefitsView(RankDefinition rank, Locale locale) {
        MemberDiscount d = rank.memberDiscount();
        List<CategoryPercent> categories = d.byCategory().entrySet().stream()
                .map(e -> new CategoryPercent(e.getKey(), catalog.categoryName(e.getKey(), locale), e.getValue()))
                .toList();
        return new RankBenefitsView(rank.pointMultiplierPercent(), rank.freeShippingThreshold(),
                rank.birthdayBonusPoints(), rank.perks(locale), new MemberPriceView(d.percent(), categories));
    }

    // ---- RankKeeping ---------------------------------------------------------------------------------------------

    @Override
    public Optional<RankKeeping.Keep> keepOf(Tx tx, long memberId) {
        RankProgram program = store.program(tx);
        Instant now = clock.instant();
        QualificationWindow window = QualificationWindow.of(now, program.windowMonths(), zone);
        MemberRank current = store.memberRank(tx, memberId).orElse(null);
        RankDefinition held = program.rankOrBase(current == null ? null : current.rankCode());
        if (held.isBase()) {
            return Optional.empty();
        }
        return keep(program, held, window, store.earningsByDay(tx, memberId, window),
                program.usesSpend() ? store.spendByDay(tx, memberId, window) : List.of(), now);
    }

    /** What keeps {@code held} at the next scheduled recalculation; empty on the base rank or when nothing is lost. */
    private Optional<RankKeeping.Keep> keep(RankProgram program, RankDefinition held, QualificationWindow window,
                                            List<RankOutlook.DayEarning> earnings, List<RankOutlook.DaySpend> spends,
                                            Instant now) {
        if (held.isBase() || program.downgradePolicy() == DowngradePolicy.NEVER) {
            return Optional.empty();
        }
        LocalDate judged = nextJudgementDay(window.lastDay(), now);
        Thresholds.Shortfall s = RankOutlook.toKeepAt(held, program.windowMonths(), judged, earnings, spends);
        return Optional.of(new RankKeeping.Keep(held.code(), judged, s.points(), s.orders(), s.spend()));
    }

    /** The shop-local day of the first scheduled recalculation on or after {@code day} (and after now). */
    LocalDate nextJudgementDay(LocalDate day, Instant now) {
        Instant from = day.atStartOfDay(zone).toInstant().minusSeconds(1);
        Instant next = schedule.nextAfter(from.isAfter(now) ? from : now);
        return next == null ? day : LocalDate.ofInstant(next, zone);
    }

    @Override
    public List<HistoryEntry> history(String customerRef, Locale locale, int limit) {
        return db.inTransaction(tx -> {
            Optional<Long> member = Members.find(tx, customerRef);
            return member.isEmpty() ? List.<HistoryEntry>of() : history(tx, store.program(tx), member.get(), locale, limit);
        });
    }

    private List<HistoryEntry> history(Tx tx, RankProgram program, long memberId, Locale locale, int limit) {
        return store.history(tx, memberId, limit).stream().map(h -> new HistoryEntry(h.at(), h.fromCode(),
                name(program, h.fromCode(), locale), h.toCode(), name(program, h.toCode(), locale), h.change(),
                h.trigger(), h.points(), h.orders(), h.spend(), h.windowFrom(), h.windowTo())).toList();
    }

    @Override
    public Benefits benefits(String customerRef) {
        return db.inTransaction(tx -> {
            Optional<Long> member = Members.find(tx, customerRef);
            if (member.isPresent()) {
                return store.benefits(tx, member.get());
            }
            RankDefinition base = store.program(tx).base();
            return new Benefits(base.code(), base.pointMultiplierPercent(), base.freeShippingThreshold(),
                    base.birthdayBonusPoints(), base.perksJa(), base.memberDiscount());
        });
    }

    @Override
    public RankProgramView definitions() {
        return db.inTransaction(tx -> view(store.program(tx)));
    }

    @Override
    public List<RankCount> membersByRank() {
        return db.inTransaction(tx -> {
            RankProgram program = store.program(tx);
            RankStore.Counts counts = store.counts(tx);
            long ranked = 0;
            List<RankCount> out = new ArrayList<>();
            for (RankDefinition r : program.ranks()) {
                if (!r.isBase()) {
                    long n = counts.byRank().getOrDefault(r.code(), 0L);
                    ranked += n;
                    out.add(new RankCount(r.code(), r.level(), r.name(), n));
                }
            }
            RankDefinition base = program.base();
            out.add(0, new RankCount(base.code(), 0, base.name(), counts.members() - ranked));
            return out;
        });
    }

    @Override
    public RankView createRank(RankView rank, String actor) {
        return db.inTransaction(tx -> {
            RankProgram before = store.programForUpdate(tx);
            RankProgram after = RankProgramRules.withNewRank(before, rank);
            store.save(tx, after, clock.instant());
            RankView created = RankProgramRules.view(after.find(rank.code()).orElseThrow());
            audit.record(tx, actor, "rank.create", "rank:" + created.code(), null, view(after));
            return created;
        });
    }

    @Override
    public RankView updateRank(String code, RankView rank, String actor) {
        return db.inTransaction(tx -> {
            RankProgram before = store.programForUpdate(tx);
            RankProgram after = RankProgramRules.withUpdatedRank(before, code, rank);
            store.save(tx, after, clock.instant());
            audit.record(tx, actor, "rank.update", "rank:" + code, view(before), view(after));
            return RankProgramRules.view(after.find(code).orElseThrow());
        });
    }

    @Override
    public RankProgramView updateSettings(ProgramSettings settings, String actor) {
        return db.inTransaction(tx -> {
            RankProgram before = store.programForUpdate(tx);
            RankProgram after = RankProgramRules.withSettings(before, settings);
            store.save(tx, after, clock.instant());
            audit.record(tx, actor, "rank.settings", "rank-program", view(before), view(after));
            return view(after);
        });
    }

    // ---- views -----------------------------------------------------------------------------------------------------

    private static RankProgramView view(RankProgram p) {
        return new RankProgramView(p.windowMonths(), p.downgradePolicy(),
                p.ranks().stream().map(RankProgramRules::view).toList());
    }

    private static RankSummary summary(RankDefinition r, Locale locale) {
        return new RankSummary(r.code(), r.level(), r.name(locale));
    }

    private static String name(RankProgram program, String code, Locale locale) {
        return program.find(code).map(r -> r.name(locale)).orElse(code);
    }

    private static ThresholdsView thresholds(Thresholds t) {
        return new ThresholdsView(t.minPoints(), t.minOrders(), t.minSpend());
    }

    private static ThresholdsView shortfall(Thresholds.Shortfall s) {
        return new ThresholdsView(s.points(), s.orders(), s.spend());
    }

    @Override
    public List<RankLadder.Rank> ranks() {
        return definitions().ranks().stream()
                .map(v -> new RankLadder.Rank(v.code(), v.level(), v.name())).toList();
    }
}
