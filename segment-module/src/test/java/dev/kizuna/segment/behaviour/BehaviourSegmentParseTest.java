package dev.kizuna.segment.behaviour;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Segment specs are read in one scan: the same answers as the pattern gave, also for a 64 KB spec. */
class BehaviourSegmentParseTest {

    @Test
    void specs_with_and_without_days() {
        assertThat(BehaviourSegment.parse("cart-abandoners", 30)).contains(
                new BehaviourSegment(BehaviourSegment.Kind.CART_ABANDONERS, null, 30));
        assertThat(BehaviourSegment.parse("cart-abandoners:7d", 30)).contains(
                new BehaviourSegment(BehaviourSegment.Kind.CART_ABANDONERS, null, 7));
        assertThat(BehaviourSegment.parse("viewed-not-bought:tea:14d", 30)).contains(
                new BehaviourSegment(BehaviourSegment.Kind.VIEWED_NOT_BOUGHT, "tea", 14));
        assertThat(BehaviourSegment.parse("viewed-not-bought:a:b", 30)).contains(
                new BehaviourSegment(BehaviourSegment.Kind.VIEWED_NOT_BOUGHT, "a:b", 30));
        assertThat(BehaviourSegment.parse("first-order-only", 30)).contains(
                new BehaviourSegment(BehaviourSegment.Kind.FIRST_ORDER_ONLY, null, 0));
    }

    @Test
    void out_of_range_days_unknown_kinds_and_control_characters_are_no_segment() {
        assertThat(BehaviourSegment.parse("first-order-only:7d", 30)).isEmpty();
        assertThat(BehaviourSegment.parse("cart-abandoners:0d", 30)).isEmpty();
        assertThat(BehaviourSegment.parse("cart-abandoners:99999d", 30)).isEmpty();
        assertThat(BehaviourSegment.parse("viewed-not-bought:", 30)).isEmpty();
        assertThat(BehaviourSegment.parse("cart-abandoners\n:7d", 30)).isEmpty();
        Optional<BehaviourSegment> huge = BehaviourSegment.parse("viewed-not-bought:" + ":".repeat(65_536) + "x:7d", 30);
        assertThat(huge.map(BehaviourSegment::days)).contains(7);
    }
}
