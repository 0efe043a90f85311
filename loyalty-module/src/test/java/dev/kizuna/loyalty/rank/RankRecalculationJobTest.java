package dev.kizuna.loyalty.rank;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static dev.kizuna.loyalty.rank.RankTestData.tokyo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rank-recalculation job against real PostgreSQL: thresholds, window edges in Tokyo, history, downgrades. A
 * Kizuna per test: each run judges every member, and the tests count what a run judged.
 */
@KizunaTest(perMethod = true, config = "kizuna.ranks.batch-size=3")
class RankRecalculationJobTest {
    /** 1 July 2026 03:00 in Tokyo, when the monthly run fires; the 6-month window starts 1 January 00:00 Tokyo. */
    static final Instant JULY_RUN = tokyo(2026, 7, 1, 3, 0, 0);

    RankTestData data;

    @BeforeEach
    void install(KizunaRuntime kizuna) {
        data = new RankTestData(kizuna);
    }

    @Test
    void exactly_at_the_thresholds_is_silver_one_point_or_one_order_below_is_not() {
        Instant may = tokyo(2026, 5, 10, 12, 0, 0);
        long exactly = data.member("C-exact");
        data.earnOrders(exactly, 2, 100, may);
        long pointShort = data.member("C-point-short");
        data.earn(pointShort, "P-1", 100, may);
        data.earn(pointShort, "P-2", 99, may);
        long orderShort = data.member("C-order-short");
        data.earn(orderShort, "Q-1", 200, may);
        long gold = data.member("C-gold");
        data.earnOrders(gold, 7, 100, may);

        JobRuns.JobRun run = data.recalculate(JULY_RUN);

        assertThat(run.status()).isEqualTo(JobRunStatus.SUCCEEDED);
        assertThat(data.rank(exactly)).isEqualTo("SILVER");
        assertThat(data.rank(pointShort)).isEqualTo("REGULAR");
        assertThat(data.rank(orderShort)).isEqualTo("REGULAR");
        assertThat(data.rank(gold)).isEqualTo("GOLD");
        assertThat(run.done()).isEqualTo(4);
        assertThat(run.outcome()).contains("judged 4 members, 2 changed");
    }

    @Test
    void the_window_counts_its_first_day_from_midnight_tokyo_and_its_last_day_up_to_the_run() {
        // Each member has one order's worth of 100 points inside the window for sure; the second order is at an edge.
        Instant inside = tokyo(2026, 4, 1, 12, 0, 0);
        long firstInstant = data.member("C-first-day");
        data.earn(firstInstant, "A-1", 100, inside);
        data.earn(firstInstant, "A-2", 100, tokyo(2026, 1, 1, 0, 0, 0));
        long dayBefore = data.member("C-day-before");
        data.earn(dayBefore, "B-1", 100, inside);
        data.earn(dayBefore, "B-2", 100, tokyo(2025, 12, 31, 23, 59, 59));
        long lastDay = data.member("C-last-day");
        data.earn(lastDay, "C-1", 100, inside);
        data.earn(lastDay, "C-2", 100, tokyo(2026, 7, 1, 2, 59, 0));
        long afterRun = data.member("C-after-run");
        data.earn(afterRun, "D-1", 100, inside);
        data.earn(afterRun, "D-2", 100, tokyo(2026, 7, 1, 5, 0, 0));

        data.recalculate(JULY_RUN);

        assertThat(data.rank(firstInstant)).as("1 Jan 00:00 Tokyo is the window's first instant").isEqualTo("SILVER");
        assertThat(data.rank(dayBefore)).as("31 Dec 23:59:59 Tokyo is before the window (though 1 Jan in no zone)")
                .isEqualTo("REGULAR");
        assertThat(data.rank(lastDay)).as("the judgement day counts up to the run").isEqualTo("SILVER");
        assertThat(data.rank(afterRun)).as("after the run's as-of time").isEqualTo("REGULAR");
        assertThat(data.history(firstInstant)).singleElement().satisfies(h -> {
            assertThat(h.windowFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
            assertThat(h.windowTo()).isEqualTo(LocalDate.of(2026, 7, 1));
        });
    }

    @Test
    void the_history_says_from_to_when_and_the_figures_that_qualified() {
        long m = data.member("C-history");
        data.earnOrders(m, 7, 120, tokyo(2026, 3, 3, 10, 0, 0));
        data.earn(m, null, 50, tokyo(2026, 3, 4, 10, 0, 0)); // a bonus: counts as points, not as an order

        JobRuns.JobRun run = data.recalculate(JULY_RUN);

        assertThat(data.history(m)).singleElement().satisfies(h -> {
            assertThat(h.from()).isEqualTo("REGULAR");
            assertThat(h.to()).isEqualTo("GOLD");
            assertThat(h.change()).isEqualTo("UPGRADE");
            assertThat(h.trigger()).isEqualTo("RECALCULATION");
            assertThat(h.at()).isEqualTo(run.asOf());
            assertThat(h.points()).isEqualTo(7 * 120 + 50);
            assertThat(h.orders()).isEqualTo(7);
        });
        assertThat(data.memberRank(m).since()).isEqualTo(run.asOf());

        // Running again changes nothing and writes no history.
        JobRuns.JobRun again = data.recalculate(JULY_RUN.plusSeconds(60));
        assertThat(again.outcome()).contains("0 changed");
        assertThat(data.history(m)).hasSize(1);
    }

    @Test
    void a_reversal_of_confirmed_points_takes_an_order_out_of_the_count() {
        long m = data.member("C-reversed");
        Instant april = tokyo(2026, 4, 2, 9, 0, 0);
        data.earn(m, "R-1", 150, april);
        data.earn(m, "R-2", 150, april);
        data.earn(m, "R-2", -150, april); // R-2 returned after confirmation, dated by the original confirmation

        data.recalculate(JULY_RUN);

        assertThat(data.rank(m)).isEqualTo("REGULAR");
    }

    @Test
    void with_the_immediate_policy_a_member_drops_back_when_the_window_moves_past_their_orders() {
        long m = data.member("C-drop");
        data.earnOrders(m, 2, 100, tokyo(2026, 1, 20, 12, 0, 0));
        data.recalculate(JULY_RUN);
        assertThat(data.rank(m)).isEqualTo("SILVER");

        data.recalculate(tokyo(2026, 8, 1, 3, 0, 0));

        assertThat(data.rank(m)).isEqualTo("REGULAR");
        assertThat(data.history(m)).extracting(RankTestData.History::change).containsExactly("UPGRADE", "DOWNGRADE");
        assertThat(data.history(m).get(1).points()).isZero();
    }

    @Test
    void with_the_keep_policy_the_rank_is_kept_through_the_end_of_the_next_month() {
        data.sql("UPDATE rank_program SET downgrade_policy = 'KEEP_UNTIL_END_OF_NEXT_PERIOD'");
        long m = data.member("C-keep");
        data.earnOrders(m, 7, 100, tokyo(2026, 1, 20, 12, 0, 0));
        data.earnOrders(m, 2, 100, tokyo(2026, 6, 20, 12, 0, 0));
        data.recalculate(JULY_RUN);
        assertThat(data.rank(m)).isEqualTo("GOLD");

        data.recalculate(tokyo(2026, 8, 1, 3, 0, 0));
        assertThat(data.memberRank(m).rankCode()).isEqualTo("GOLD");
        assertThat(data.memberRank(m).heldUntil()).isEqualTo(LocalDate.of(2026, 9, 30));

        data.recalculate(tokyo(2026, 9, 1, 3, 0, 0));
        assertThat(data.rank(m)).isEqualTo("GOLD");

        data.recalculate(tokyo(2026, 10, 1, 3, 0, 0));
        assertThat(data.memberRank(m).rankCode()).as("the June orders still make Silver").isEqualTo("SILVER");
        assertThat(data.memberRank(m).heldUntil()).isNull();
        assertThat(data.history(m)).extracting(RankTestData.History::to).containsExactly("GOLD", "SILVER");
    }

    @Test
    void a_spend_threshold_counts_non_cancelled_orders_less_returns_in_the_window() {
        data.sql("UPDATE rank_definition SET min_spend = 50000 WHERE code IN ('GOLD', 'PLATINUM', 'DIAMOND')");
        data.sql("UPDATE rank_definition SET min_spend = 20000 WHERE code = 'SILVER'");
        long m = data.member("C-spend");
        Instant may = tokyo(2026, 5, 5, 12, 0, 0);
        data.earnOrders(m, 2, 100, may);
        data.order("C-spend", "S-1", 15_000, may);
        data.order("C-spend", "S-2", 4_999, may);
        data.order("C-spend", "S-old", 30_000, tokyo(2025, 12, 31, 23, 0, 0));
        data.recalculate(JULY_RUN);
        assertThat(data.rank(m)).as("19,999 yen spent in the window").isEqualTo("REGULAR");

        data.order("C-spend", "S-3", 1, tokyo(2026, 6, 1, 12, 0, 0));
        data.recalculate(JULY_RUN.plusSeconds(60));
        assertThat(data.rank(m)).isEqualTo("SILVER");
        assertThat(data.history(m).get(0).spend()).isEqualTo(20_000);
    }

    @Test
    void erased_members_are_not_judged() {
        long m = data.member("C-erased");
        data.earnOrders(m, 2, 100, tokyo(2026, 5, 5, 12, 0, 0));
        data.sql("UPDATE member SET erased_at = now() WHERE id = ?", m);

        JobRuns.JobRun run = data.recalculate(JULY_RUN);

        assertThat(run.done()).isZero();
        assertThat(data.rank(m)).isEqualTo("REGULAR");
    }
}
