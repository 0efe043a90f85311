package dev.kizuna.loyalty.points;

import dev.kizuna.core.text.LocalizedText;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The earning rules without a database. */
class OrderEarningTest {
    static final EarningRules ONE_PERCENT = new EarningRules(null, 1, 0, 0, Instant.EPOCH);
    static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-06-01T00:00:00Z");

    static OrderEarning.Line line(String sku, String category, int qty, long net) {
        return new OrderEarning.Line(sku, category, qty, net);
    }

    @Test
    void one_point_per_100_yen_of_the_merchandise_rounded_down_once_for_the_order() {
        OrderEarning e = OrderEarning.of(ONE_PERCENT, 100, List.of(), List.of(line("A", "tea", 1, 10_000)), 0, 1, false);
        assertThat(e.total()).isEqualTo(100);

        // 150 + 150 + 99 = 399 JPY: 3 points for the order, though each line alone would round to 1 + 1 + 0.
        OrderEarning split = OrderEarning.of(ONE_PERCENT, 100, List.of(),
                List.of(line("A", "tea", 1, 150), line("B", "tea", 1, 150), line("C", "tea", 1, 99)), 0, 1, false);
        assertThat(split.total()).isEqualTo(3);
        assertThat(split.linePoints()).containsExactly(1, 2, 0);
    }

    @Test
    void redeemed_points_do_not_earn_and_are_spread_over_the_lines() {
        OrderEarning e = OrderEarning.of(ONE_PERCENT, 100, List.of(),
                List.of(line("A", "tea", 2, 6_000), line("B", "cups", 1, 4_000)), 1_000, 1, false);
        assertThat(e.lineRedeemed()).containsExactly(600, 400);
        assertThat(e.total()).isEqualTo(90);
        assertThat(e.linePoints()).containsExactly(54, 36);
    }

    @Test
    void the_rank_multiplier_and_the_best_multiplier_campaign_of_a_line_multiply_the_base() {
        Campaign teaDouble = new Campaign(7L, LocalizedText.of("お茶2倍", "Tea x2"), Campaign.Kind.MULTIPLIER, 200, null,
                List.of("tea"), List.of(), null, START, END);
        Campaign allTriple = new Campaign(8L, LocalizedText.of("全品1.5倍", "All x1.5"), Campaign.Kind.MULTIPLIER, 150, null,
                List.of(), List.of(), null, START, END);
        OrderEarning e = OrderEarning.of(ONE_PERCENT, 150, List.of(teaDouble, allTriple),
                List.of(line("A", "tea", 1, 10_000), line("B", "cups", 1, 10_000)), 0, 1, false);
        // tea: 100 × 1.5 (rank) × 2 = 300; cups: 100 × 1.5 × 1.5 = 225
        assertThat(e.linePoints()).containsExactly(300, 225);
        assertThat(e.campaignIds()).containsExactly(7L, 8L);
    }

    @Test
    void a_bonus_per_unit_campaign_adds_points_per_unit_of_the_covered_skus_only() {
        Campaign bonus = new Campaign(3L, LocalizedText.of("急須+50", "Teapot +50"), Campaign.Kind.BONUS_PER_UNIT, null, 50L,
                List.of(), List.of("TEAPOT"), null, START, END);
        OrderEarning e = OrderEarning.of(ONE_PERCENT, 100, List.of(bonus),
                List.of(line("TEAPOT", "ware", 2, 8_000), line("CUP", "ware", 3, 3_000)), 0, 1, false);
        assertThat(e.linePoints()).containsExactly(80 + 100, 30);
        assertThat(e.campaignIds()).containsExactly(3L);
    }

    @Test
    void the_first_order_bonus_belongs_to_the_order_and_only_to_the_first() {
        EarningRules rules = new EarningRules(2, 1, 100, 300, Instant.EPOCH);
        List<OrderEarning.Line> lines = List.of(line("A", "tea", 1, 2_000));
        assertThat(OrderEarning.of(rules, 100, List.of(), lines, 0, 1, true).total()).isEqualTo(320);
        assertThat(OrderEarning.of(rules, 100, List.of(), lines, 0, 1, false).total()).isEqualTo(20);
    }

    @Test
    void campaigns_are_active_in_their_window_only_and_refuse_bad_terms() {
        Campaign c = new Campaign(1L, LocalizedText.of("a", "a"), Campaign.Kind.MULTIPLIER, 200, null, null, null, null, START, END);
        assertThat(c.activeAt(START)).isTrue();
        assertThat(c.activeAt(END)).isFalse();
        assertThat(c.covers("anything", "ANY")).isTrue();
        assertThatThrownBy(() -> new Campaign(1L, LocalizedText.of("a", "a"), Campaign.Kind.MULTIPLIER, 100, null, null, null, null, START, END))
                .hasMessageContaining("multiplierPercent");
        assertThatThrownBy(() -> new Campaign(1L, LocalizedText.of("a", "a"), Campaign.Kind.BONUS_PER_UNIT, null, 0L, null, null, null, START, END))
                .hasMessageContaining("bonusPoints");
        assertThatThrownBy(() -> new EarningRules(null, -1, 0, 0, START)).hasMessageContaining("baseRatePer100");
    }
}
