package dev.kizuna.loyalty.rank;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * Decides a member's rank from what they hold and what they did in the window. Pure: the recalculation job and
 * the re-evaluation after a confirmed order both ask it, so both decide alike.
 */
public final class RankPolicy {

    private RankPolicy() {
    }

    /** How a member's rank state changes. */
    public enum Change {
        UNCHANGED,
        UPGRADED,
        DOWNGRADED,
        /** Stopped qualifying, the rank is kept under the downgrade policy until {@code heldUntil}. */
        HOLD_STARTED,
        /** Qualifies again for the rank being held; the hold ends. */
        HOLD_ENDED
    }

    /**
     * @param from      the rank held before (the base rank for a member without one)
     * @param to        the rank held after
     * @param heldUntil the hold after the decision (null when none)
     */
    public record Decision(RankDefinition from, RankDefinition to, LocalDate heldUntil, Change change) {
        public boolean rankChanged() {
            return change == Change.UPGRADED || change == Change.DOWNGRADED;
        }

        public boolean stateChanged() {
            return change != Change.UNCHANGED;
        }
    }

    /**
     * The full judgement a recalculation makes on {@code judgementDay} (the shop-local date of its as-of time).
     *
     * @param current the member's rank, or null for a member who never held one above the base rank
     */
    public static Decision recalculate(RankProgram program, MemberRank current, QualifyingFigures figures,
                                       LocalDate judgementDay) {
        RankDefinition held = program.rankOrBase(current == null ? null : current.rankCode());
        LocalDate heldUntil = current == null || held.isBase() ? null : current.heldUntil();
        RankDefinition qualifying = program.qualifyingRank(figures);
        if (qualifying.level() > held.level()) {
            return new Decision(held, qualifying, null, Change.UPGRADED);
        }
        if (qualifying.level() == held.level()) {
            return new Decision(held, held, null, heldUntil != null ? Change.HOLD_ENDED : Change.UNCHANGED);
        }
        switch (program.downgradePolicy()) {
            case IMMEDIATELY:
                return new Decision(held, qualifying, null, Change.DOWNGRADED);
            case KEEP_UNTIL_END_OF_NEXT_PERIOD:
                if (heldUntil == null) {
                    return new Decision(held, held, endOfNextPeriod(judgementDay), Change.HOLD_STARTED);
                }
                if (judgementDay.isAfter(heldUntil)) {
                    return new Decision(held, qualifying, null, Change.DOWNGRADED);
                }
                return new Decision(held, held, heldUntil, Change.UNCHANGED);
            case ONE_RANK_AT_A_TIME:
                RankDefinition below = program.previous(held).orElse(program.base());
                return new Decision(held, below.level() > qualifying.level() ? below : qualifying, null,
                        Change.DOWNGRADED);
            case NEVER:
                return new Decision(held, held, null, heldUntil != null ? Change.HOLD_ENDED : Change.UNCHANGED);
            default:
                throw new IllegalStateException("unknown downgrade policy " + program.downgradePolicy());
        }
    }

    /**
     * The judgement made right after points are confirmed: upgrades at once and ends a hold the member has
     * re-earned, never downgrades (downgrades wait for the recalculation, which applies the policy).
     */
    public static Decision reevaluate(RankProgram program, MemberRank current, QualifyingFigures figures,
                                      LocalDate judgementDay) {
        Decision full = recalculate(program, current, figures, judgementDay);
        if (full.change() == Change.UPGRADED || full.change() == Change.HOLD_ENDED) {
            return full;
        }
        RankDefinition held = full.from();
        return new Decision(held, held, current == null || held.isBase() ? null : current.heldUntil(), Change.UNCHANGED);
    }

    /** The last day of the calendar month after the one containing {@code day}. */
    public static LocalDate endOfNextPeriod(LocalDate day) {
        return day.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth());
    }
}
