package dev.kizuna.loyalty.rank;

import dev.kizuna.loyalty.rank.RankPolicy.Change;
import dev.kizuna.loyalty.rank.RankPolicy.Decision;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class RankPolicyTest {
    static final RankProgram IMMEDIATE = Ladders.standard(DowngradePolicy.IMMEDIATELY);
    static final RankProgram KEEPING = Ladders.standard(DowngradePolicy.KEEP_UNTIL_END_OF_NEXT_PERIOD);
    static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");

    static MemberRank holding(String code) {
        return new MemberRank(code, LONG_AGO, null);
    }

    static QualifyingFigures figures(long points, long orders) {
        return new QualifyingFigures(points, orders, 0);
    }

    @Test
    void exactly_at_both_thresholds_qualifies_and_one_below_either_does_not() {
        assertThat(IMMEDIATE.qualifyingRank(figures(200, 2)).code()).isEqualTo("SILVER");
        assertThat(IMMEDIATE.qualifyingRank(figures(199, 2)).code()).isEqualTo("REGULAR");
        assertThat(IMMEDIATE.qualifyingRank(figures(200, 1)).code()).isEqualTo("REGULAR");
        assertThat(IMMEDIATE.qualifyingRank(figures(4000, 30)).code()).isEqualTo("DIAMOND");
        assertThat(IMMEDIATE.qualifyingRank(figures(3999, 30)).code()).isEqualTo("PLATINUM");
        assertThat(IMMEDIATE.qualifyingRank(figures(10_000, 29)).code()).isEqualTo("PLATINUM");
    }

    @Test
    void a_member_without_a_rank_who_qualifies_is_upgraded_straight_to_the_highest_rank_met() {
        Decision d = RankPolicy.recalculate(IMMEDIATE, null, figures(800, 8), MARCH_1);
        assertThat(d.change()).isEqualTo(Change.UPGRADED);
        assertThat(d.from().code()).isEqualTo("REGULAR");
        assertThat(d.to().code()).isEqualTo("GOLD");
        assertThat(d.heldUntil()).isNull();
    }

    @Test
    void a_member_who_still_qualifies_is_unchanged() {
        Decision d = RankPolicy.recalculate(IMMEDIATE, holding("GOLD"), figures(700, 7), MARCH_1);
        assertThat(d.change()).isEqualTo(Change.UNCHANGED);
        assertThat(d.stateChanged()).isFalse();
    }

    @Test
    void immediate_policy_drops_to_the_rank_still_met() {
        Decision d = RankPolicy.recalculate(IMMEDIATE, holding("PLATINUM"), figures(699, 20), MARCH_1);
        assertThat(d.change()).isEqualTo(Change.DOWNGRADED);
        assertThat(d.to().code()).isEqualTo("SILVER");
    }

    @Test
    void keep_policy_holds_the_rank_through_the_end_of_the_next_month_then_drops() {
        Decision first = RankPolicy.recalculate(KEEPING, holding("GOLD"), figures(300, 3), MARCH_1);
        assertThat(first.change()).isEqualTo(Change.HOLD_STARTED);
        assertThat(first.to().code()).isEqualTo("GOLD");
        assertThat(first.heldUntil()).isEqualTo(LocalDate.of(2026, 4, 30));

        MemberRank held = new MemberRank("GOLD", LONG_AGO, first.heldUntil());
        Decision april = RankPolicy.recalculate(KEEPING, held, figures(300, 3), LocalDate.of(2026, 4, 1));
        assertThat(april.change()).isEqualTo(Change.UNCHANGED);
        Decision lastDay = RankPolicy.recalculate(KEEPING, held, figures(300, 3), LocalDate.of(2026, 4, 30));
        assertThat(lastDay.change()).isEqualTo(Change.UNCHANGED);

        Decision may = RankPolicy.recalculate(KEEPING, held, figures(300, 3), LocalDate.of(2026, 5, 1));
        assertThat(may.change()).isEqualTo(Change.DOWNGRADED);
        assertThat(may.to().code()).isEqualTo("SILVER");
        assertThat(may.heldUntil()).isNull();
    }

    @Test
    void one_rank_at_a_time_drops_a_single_rank_per_recalculation_but_never_below_what_is_still_met() {
        RankProgram stepping = Ladders.standard(DowngradePolicy.ONE_RANK_AT_A_TIME);
        Decision march = RankPolicy.recalculate(stepping, holding("DIAMOND"), figures(0, 0), MARCH_1);
        assertThat(march.change()).isEqualTo(Change.DOWNGRADED);
        assertThat(march.to().code()).isEqualTo("PLATINUM");
        Decision april = RankPolicy.recalculate(stepping, holding("PLATINUM"), figures(0, 0), LocalDate.of(2026, 4, 1));
        assertThat(april.to().code()).isEqualTo("GOLD");
        assertThat(RankPolicy.recalculate(stepping, holding("SILVER"), figures(0, 0), MARCH_1).to().code())
                .isEqualTo("REGULAR");
        assertThat(RankPolicy.recalculate(stepping, holding("DIAMOND"), figures(2500, 20), MARCH_1).to().code())
                .as("still Platinum by the figures").isEqualTo("PLATINUM");
        assertThat(RankPolicy.recalculate(stepping, holding("GOLD"), figures(700, 7), MARCH_1).change())
                .isEqualTo(Change.UNCHANGED);
    }

    @Test
    void never_keeps_a_rank_once_reached_and_ends_a_hold_left_by_another_policy() {
        RankProgram never = Ladders.standard(DowngradePolicy.NEVER);
        Decision d = RankPolicy.recalculate(never, holding("DIAMOND"), figures(0, 0), MARCH_1);
        assertThat(d.change()).isEqualTo(Change.UNCHANGED);
        assertThat(d.to().code()).isEqualTo("DIAMOND");
        MemberRank held = new MemberRank("GOLD", LONG_AGO, LocalDate.of(2026, 4, 30));
        Decision ended = RankPolicy.recalculate(never, held, figures(0, 0), MARCH_1);
        assertThat(ended.change()).isEqualTo(Change.HOLD_ENDED);
        assertThat(ended.heldUntil()).isNull();
        assertThat(RankPolicy.recalculate(never, holding("SILVER"), figures(700, 7), MARCH_1).to().code())
                .isEqualTo("GOLD");
    }

    @Test
    void a_hold_started_mid_month_or_in_december_ends_with_the_following_month() {
        assertThat(RankPolicy.endOfNextPeriod(LocalDate.of(2026, 1, 31))).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(RankPolicy.endOfNextPeriod(LocalDate.of(2026, 12, 15))).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(RankPolicy.endOfNextPeriod(LocalDate.of(2028, 1, 1))).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void qualifying_again_during_a_hold_ends_it_and_qualifying_higher_upgrades() {
        MemberRank held = new MemberRank("GOLD", LONG_AGO, LocalDate.of(2026, 4, 30));
        Decision again = RankPolicy.recalculate(KEEPING, held, figures(700, 7), LocalDate.of(2026, 4, 1));
        assertThat(again.change()).isEqualTo(Change.HOLD_ENDED);
        assertThat(again.to().code()).isEqualTo("GOLD");
        assertThat(again.heldUntil()).isNull();

        Decision higher = RankPolicy.recalculate(KEEPING, held, figures(2000, 15), LocalDate.of(2026, 4, 1));
        assertThat(higher.change()).isEqualTo(Change.UPGRADED);
        assertThat(higher.to().code()).isEqualTo("PLATINUM");
        assertThat(higher.heldUntil()).isNull();
    }

    @Test
    void reevaluation_after_confirmation_upgrades_but_never_downgrades_nor_starts_a_hold() {
        assertThat(RankPolicy.reevaluate(IMMEDIATE, holding("SILVER"), figures(700, 7), MARCH_1).to().code())
                .isEqualTo("GOLD");
        Decision shortImmediate = RankPolicy.reevaluate(IMMEDIATE, holding("GOLD"), figures(10, 1), MARCH_1);
        assertThat(shortImmediate.change()).isEqualTo(Change.UNCHANGED);
        assertThat(shortImmediate.to().code()).isEqualTo("GOLD");
        Decision shortKeeping = RankPolicy.reevaluate(KEEPING, holding("GOLD"), figures(10, 1), MARCH_1);
        assertThat(shortKeeping.change()).isEqualTo(Change.UNCHANGED);
        assertThat(shortKeeping.heldUntil()).isNull();
        MemberRank expired = new MemberRank("GOLD", LONG_AGO, LocalDate.of(2026, 2, 28));
        assertThat(RankPolicy.reevaluate(KEEPING, expired, figures(10, 1), MARCH_1).change()).isEqualTo(Change.UNCHANGED);
    }

    @Test
    void a_rank_the_merchant_no_longer_defines_is_judged_as_the_base_rank() {
        Decision d = RankPolicy.recalculate(IMMEDIATE, holding("BRONZE"), figures(250, 2), MARCH_1);
        assertThat(d.from().code()).isEqualTo("REGULAR");
        assertThat(d.to().code()).isEqualTo("SILVER");
    }

    @Property(tries = 300)
    void more_points_and_orders_never_give_a_lower_rank(@ForAll @LongRange(max = 6000) long points,
                                                        @ForAll @LongRange(max = 40) long orders,
                                                        @ForAll @LongRange(max = 500) long morePoints,
                                                        @ForAll @LongRange(max = 5) long moreOrders) {
        int level = IMMEDIATE.qualifyingRank(figures(points, orders)).level();
        int better = IMMEDIATE.qualifyingRank(figures(points + morePoints, orders + moreOrders)).level();
        assertThat(better).isGreaterThanOrEqualTo(level);
    }

    @Property(tries = 300)
    void a_recalculation_is_stable_judging_its_own_outcome_again_changes_nothing(
            @ForAll @LongRange(max = 6000) long points, @ForAll @LongRange(max = 40) long orders,
            @ForAll @LongRange(max = 4) long heldLevel) {
        for (RankProgram program : new RankProgram[]{IMMEDIATE, KEEPING}) {
            MemberRank start = holding(program.ranks().get((int) heldLevel).code());
            Decision once = RankPolicy.recalculate(program, start, figures(points, orders), MARCH_1);
            MemberRank after = new MemberRank(once.to().code(), LONG_AGO, once.heldUntil());
            Decision twice = RankPolicy.recalculate(program, after, figures(points, orders), MARCH_1);
            assertThat(twice.change()).isEqualTo(Change.UNCHANGED);
        }
    }
}
