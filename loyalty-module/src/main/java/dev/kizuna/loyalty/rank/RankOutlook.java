package dev.kizuna.loyalty.rank;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Until when a member keeps their rank if they do nothing more: as the window moves on, old earnings leave it;
 * the rank lapses on the first judgement day whose figures fall short, and the downgrade policy then decides how
 * long it is still kept.
 */
public final class RankOutlook {

    private RankOutlook() {
    }

    /** Points earned on one shop-local day for one order (null for bonuses not tied to an order). */
    public record DayEarning(LocalDate day, String orderRef, long points) {
    }

    /** Spend of orders submitted on one shop-local day. */
    public record DaySpend(LocalDate day, long amount) {
    }

    /** The figures counted from {@code firstDay} on. */
    public static QualifyingFigures figuresFrom(LocalDate firstDay, List<DayEarning> earnings, List<DaySpend> spends) {
        long points = 0;
        Map<String, Long> byOrder = new HashMap<>();
        for (DayEarning e : earnings) {
            if (!e.day().isBefore(firstDay)) {
                points += e.points();
                if (e.orderRef() != null) {
                    byOrder.merge(e.orderRef(), e.points(), Long::sum);
                }
            }
        }
        long orders = byOrder.values().stream().filter(p -> p > 0).count();
        long spend = spends.stream().filter(s -> !s.day().isBefore(firstDay)).mapToLong(DaySpend::amount).sum();
        return new QualifyingFigures(points, orders, spend);
    }

    /**
     * The first judgement day (today or later) on which {@code rank} is no longer met, with no new activity.
     *
     * @param today    the judgement day of the figures (the shop-local date now)
     * @param earnings the member's earnings in today's window, by day
     * @param spends   the member's spend in today's window, by day
     */
    public static LocalDate lapseDay(RankDefinition rank, int windowMonths, LocalDate today, List<DayEarning> earnings,
                                     List<DaySpend> spends) {
        LocalDate windowStart = QualificationWindow.firstDay(today, windowMonths);
        if (!rank.qualifies(figuresFrom(windowStart, earnings, spends))) {
            return today;
        }
        TreeSet<LocalDate> days = new TreeSet<>();
        earnings.forEach(e -> days.add(e.day()));
        spends.forEach(s -> days.add(s.day()));
        for (LocalDate day : days) {
            if (day.isBefore(windowStart)) {
                continue;
            }
            // Once the window starts after this day, what remains is everything after it.
            if (!rank.qualifies(figuresFrom(day.plusDays(1), earnings, spends))) {
                return QualificationWindow.firstJudgementDayWithout(day, windowMonths);
            }
        }
        // Unreachable for a rank with thresholds (an empty window meets none), but keeps the base rank total.
        return null;
    }

    /**
     * The last day the member surely holds {@code current}, or null when it cannot be lost (the base rank).
     *
     * @param nextJudgementDay the day of the first recalculation on or after a given day (from the job's schedule)
     */
    public static LocalDate heldUntil(RankProgram program, MemberRank current, LocalDate today,
                                      List<DayEarning> earnings, List<DaySpend> spends,
                                      UnaryOperator<LocalDate> nextJudgementDay) {
        RankDefinition held = program.rankOrBase(current == null ? null : current.rankCode());
        if (held.isBase()) {
            return null;
        }
        if (current.heldUntil() != null) {
            return current.heldUntil();
        }
        LocalDate lapse = lapseDay(held, program.windowMonths(), today, earnings, spends);
        if (lapse == null) {
            return null;
        }
        if (program.downgradePolicy() == DowngradePolicy.NEVER) {
            return null;
        }
        LocalDate judged = nextJudgementDay.apply(lapse);
        return program.downgradePolicy() == DowngradePolicy.KEEP_UNTIL_END_OF_NEXT_PERIOD
                ? RankPolicy.endOfNextPeriod(judged)
                : judged.minusDays(1);
    }

    /**
     * What keeps {@code held} at the recalculation of {@code judgementDay}: the window moves on to that day, so the
     * earnings before its first day no longer count; the shortfall is what the member must still earn (none: kept).
     */
    public static Thresholds.Shortfall toKeepAt(RankDefinition held, int windowMonths, LocalDate judgementDay,
                                                List<DayEarning> earnings, List<DaySpend> spends) {
        return held.thresholds().shortfall(figuresFrom(QualificationWindow.firstDay(judgementDay, windowMonths),
                earnings, spends));
    }
}
