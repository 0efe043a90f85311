package dev.kizuna.messaging.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The uplift and its interval against a hand computation. Messaged 200, 30 converted (15 %), each spending ¥3,000;
 * holdout 100, 10 converted (10 %).
 * Rates: 0.15 − 0.10 = 0.05; SE = √(0.15·0.85/200 + 0.10·0.90/100) = √0.0015375 = 0.0392110;
 * 0.05 ± 1.959964 · 0.0392110 = [−0.026852, 0.126852].
 * Revenue per customer: 450 − 300 = 150; s₁² = (30·3000² − 90000²/200)/199 = 1,153,266.33,
 * s₀² = (10·3000² − 30000²/100)/99 = 818,181.82; SE = √(1,153,266.33/200 + 818,181.82/100) = 118.1024;
 * 150 ± 231.476 = [−81.476, 381.476].
 */
class UpliftTest {
    static final Uplift.Group MESSAGED = new Uplift.Group(200, 30, 90_000, 30 * 9_000_000.0);
    static final Uplift.Group HOLDOUT = new Uplift.Group(100, 10, 30_000, 10 * 9_000_000.0);

    @Test
    void the_difference_of_proportions_and_its_interval_match_the_hand_computation() {
        Uplift u = Uplift.ofRates(MESSAGED, HOLDOUT);
        assertThat(u.messaged()).isCloseTo(0.15, within(1e-12));
        assertThat(u.holdout()).isCloseTo(0.10, within(1e-12));
        assertThat(u.difference()).isCloseTo(0.05, within(1e-12));
        assertThat(u.low()).isCloseTo(-0.026852, within(1e-6));
        assertThat(u.high()).isCloseTo(0.126852, within(1e-6));
        assertThat(u.significant()).isFalse();
    }

    @Test
    void the_difference_of_means_and_its_interval_match_the_hand_computation() {
        Uplift u = Uplift.ofMeans(MESSAGED, HOLDOUT);
        assertThat(u.difference()).isCloseTo(150, within(1e-9));
        assertThat(u.low()).isCloseTo(-81.476, within(1e-3));
        assertThat(u.high()).isCloseTo(381.476, within(1e-3));
    }

    @Test
    void a_clear_effect_is_significant_and_without_a_holdout_there_is_no_interval() {
        Uplift clear = Uplift.ofRates(new Uplift.Group(10_000, 2_000, 0, 0), new Uplift.Group(10_000, 1_000, 0, 0));
        assertThat(clear.significant()).isTrue();
        assertThat(clear.low()).isGreaterThan(0);
        Uplift none = Uplift.ofRates(MESSAGED, Uplift.Group.EMPTY);
        assertThat(none.low()).isNull();
        assertThat(none.significant()).isFalse();
    }
}
