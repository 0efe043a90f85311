package dev.kizuna.messaging.delivery;

import dev.kizuna.core.KizunaConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The holdout draw and the quiet hours, as plain Java. */
class HoldoutTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void the_holdout_is_stable_per_customer_and_campaign_near_its_share_and_independent_between_campaigns() {
        int heldA = 0;
        int both = 0;
        for (long m = 1; m <= 20_000; m++) {
            boolean a = Holdout.heldOut("broadcast:1", m, 10);
            assertThat(Holdout.heldOut("broadcast:1", m, 10)).isEqualTo(a);
            boolean b = Holdout.heldOut("broadcast:2", m, 10);
            heldA += a ? 1 : 0;
            both += a && b ? 1 : 0;
        }
        assertThat(heldA).isBetween(1_800, 2_200);
        // independent draws: about 1 % are in both holdouts, not 10 %
        assertThat(both).isBetween(120, 280);
        assertThat(Holdout.heldOut("broadcast:1", 7, 0)).isFalse();
    }

    @Test
    void quiet_hours_span_midnight_in_the_shops_zone_and_end_at_their_end() {
        QuietHours q = new QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0));
        Instant late = Instant.parse("2026-03-02T13:30:00Z");   // 22:30 in Tokyo
        Instant noon = Instant.parse("2026-03-02T03:00:00Z");   // 12:00 in Tokyo
        assertThat(q.contains(late, TOKYO)).isTrue();
        assertThat(q.contains(noon, TOKYO)).isFalse();
        assertThat(q.contains(Instant.parse("2026-03-02T23:59:00Z"), TOKYO)).isTrue();   // 08:59
        assertThat(q.endAfter(late, TOKYO)).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));   // 09:00 next day
        assertThat(q.endAfter(noon, TOKYO)).isEqualTo(noon);
        assertThat(QuietHours.NONE.contains(late, TOKYO)).isFalse();
    }

    @Test
    void quiet_hours_are_21_to_9_unless_set_and_none_when_set_empty() {
        Instant late = Instant.parse("2026-03-02T13:30:00Z");   // 22:30 in Tokyo
        assertThat(MessagingSettings.from(KizunaConfig.of(Map.of())).quietHours().contains(late, TOKYO)).isTrue();
        assertThat(MessagingSettings.from(KizunaConfig.of(Map.of("kizuna.messaging.quiet-hours", "")))
                .quietHours()).isEqualTo(QuietHours.NONE);
        assertThat(MessagingSettings.from(KizunaConfig.of(Map.of("kizuna.messaging.quiet-hours", "22:00-08:00")))
                .quietHours()).isEqualTo(new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0)));
    }
}
