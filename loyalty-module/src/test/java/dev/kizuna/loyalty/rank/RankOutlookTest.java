package dev.kizuna.loyalty.rank;

import dev.kizuna.loyalty.rank.RankOutlook.DayEarning;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class RankOutlookTest {
    static final LocalDate TODAY = LocalDate.of(2026, 5, 20);
    static final UnaryOperator<LocalDate> DAILY = d -> d;
    /** A recalculation on the 1st of each month. */
    static final UnaryOperator<LocalDate> MONTHLY = d -> d.getDayOfMonth() == 1 ? d
            : d.with(TemporalAdjusters.firstDayOfNextMonth());
    static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");

    static DayEarning earning(int month, int day, String order, long points) {
        return new DayEarning(LocalDate.of(2026, month, day), order, points);
    }

    /** Silver = 200 points and 2 orders: two orders in January and March, 150 points each. */
    static final List<DayEarning> SILVER_ORDERS = List.of(earning(1, 10, "A", 150), earning(3, 5, "B", 150));

    @Test
    void figures_count_net_points_and_only_orders_whose_net_is_positive() {
        List<DayEarning> earnings = List.of(earning(1, 10, "A", 150), earning(1, 10, "A", -150),
                earning(2, 1, "B", 100), earning(2, 2, null, 50));
        QualifyingFigures f = RankOutlook.figuresFrom(LocalDate.of(2026, 1, 1), earnings, List.of());
        assertThat(f.points()).isEqualTo(150);
        assertThat(f.orders()).isEqualTo(1);
    }

    @Test
    void the_rank_lapses_when_the_window_moves_past_the_earning_that_it_needs() {
        RankDefinition silver = Ladders.standard(DowngradePolicy.IMMEDIATELY).find("SILVER").orElseThrow();
        // The January order leaves a 6-month window on 11 July.
        assertThat(RankOutlook.lapseDay(silver, 6, TODAY, SILVER_ORDERS, List.of())).isEqualTo(LocalDate.of(2026, 7, 11));
    }

    @Test
    void held_until_follows_the_schedule_and_the_policy() {
        MemberRank silver = new MemberRank("SILVER", SINCE, null);
        RankProgram immediate = Ladders.standard(DowngradePolicy.IMMEDIATELY);
        RankProgram keeping = Ladders.standard(DowngradePolicy.KEEP_UNTIL_END_OF_NEXT_PERIOD);

        assertThat(RankOutlook.heldUntil(immediate, silver, TODAY, SILVER_ORDERS, List.of(), DAILY))
                .isEqualTo(LocalDate.of(2026, 7, 10));
        // monthly: the 1 August run is the first to find the member short
        assertThat(RankOutlook.heldUntil(immediate, silver, TODAY, SILVER_ORDERS, List.of(), MONTHLY))
                .isEqualTo(LocalDate.of(2026, 7, 31));
        // keeping: short on 1 August, kept through the end of September
        assertThat(RankOutlook.heldUntil(keeping, silver, TODAY, SILVER_ORDERS, List.of(), MONTHLY))
                .isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(RankOutlook.heldUntil(keeping, silver, TODAY, SILVER_ORDERS, List.of(), DAILY))
                .isEqualTo(LocalDate.of(2026, 8, 31));
    }

    @Test
    void a_member_kept_by_policy_holds_until_the_stored_date_and_the_base_rank_is_never_lost() {
        RankProgram keeping = Ladders.standard(DowngradePolicy.KEEP_UNTIL_END_OF_NEXT_PERIOD);
        MemberRank held = new MemberRank("GOLD", SINCE, LocalDate.of(2026, 6, 30));
        assertThat(RankOutlook.heldUntil(keeping, held, TODAY, List.of(), List.of(), MONTHLY)).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(RankOutlook.heldUntil(keeping, null, TODAY, SILVER_ORDERS, List.of(), MONTHLY)).isNull();
        assertThat(RankOutlook.heldUntil(keeping, new MemberRank("REGULAR", SINCE, null), TODAY, List.of(), List.of(), MONTHLY)).isNull();
    }

    @Test
    void a_member_who_already_falls_short_lapses_at_the_next_run() {
        RankProgram immediate = Ladders.standard(DowngradePolicy.IMMEDIATELY);
        MemberRank gold = new MemberRank("GOLD", SINCE, null);
        assertThat(RankOutlook.heldUntil(immediate, gold, TODAY, SILVER_ORDERS, List.of(), MONTHLY))
                .isEqualTo(LocalDate.of(2026, 5, 31));
    }
}
