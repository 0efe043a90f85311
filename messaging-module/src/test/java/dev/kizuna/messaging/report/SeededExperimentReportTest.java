package dev.kizuna.messaging.report;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.messaging.MessagingWorld;
import dev.kizuna.messaging.delivery.MessageSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report of a seeded experiment on the real tables: 200 messaged and 100 held-out customers, of whom 30 and 10
 * order ¥3,000 within the 7 days; orders before the message or after the window do not count. The figures are
 * those {@link UpliftTest} computes by hand.
 */
@KizunaTest
class SeededExperimentReportTest {
    static final Instant SENT = MessagingWorld.tokyo(LocalDate.of(2026, 3, 2), 12, 0);

    @Test
    void the_report_counts_conversions_and_revenue_of_both_groups_within_the_window(KizunaRuntime kizuna, FakeHost host,
                                                                                 ApiClient api) {
        MessagingWorld world = new MessagingWorld(kizuna, host, api);
        world.clock(SENT);
        List<HostEvent> registrations = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            registrations.add(new CustomerRegistered(MessagingWorld.id(), SENT.minus(Duration.ofDays(30)), "X-" + i,
                    null, null, null, "ja", Map.of("mail", true)));
        }
        world.publish(registrations.toArray(HostEvent[]::new));
        kizuna.context().database().execute(tx -> tx.sql().update("""
                INSERT INTO message (member_id, source, campaign_id, entry_id, step, channel, purpose, status, decided_at)
                SELECT m.id, 'BROADCAST', 99, 0, 0, 'MAIL', 'MARKETING',
                       CASE WHEN substr(m.customer_ref, 3)::int < 200 THEN 'SENT' ELSE 'HOLDOUT' END, ?
                FROM member m WHERE m.customer_ref LIKE 'X-%'""", SENT));
        for (int i = 0; i < 30; i++) {
            world.order("X-" + i, SENT.plus(Duration.ofDays(1)), 3_000);
        }
        for (int i = 200; i < 210; i++) {
            world.order("X-" + i, SENT.plus(Duration.ofDays(2)), 3_000);
        }
        world.order("X-50", SENT.minus(Duration.ofDays(1)), 9_000);
        world.order("X-250", SENT.plus(Duration.ofDays(8)), 9_000);

        CampaignReport r = kizuna.context().database().inTransaction(tx ->
                new Reports(kizuna.context().ports()).report(tx, MessageSource.BROADCAST, 99, null, 7));
        assertThat(r.sent()).isEqualTo(200);
        assertThat(r.heldOut()).isEqualTo(100);
        assertThat(r.messaged()).isEqualTo(new Uplift.Group(200, 30, 90_000, 2.7e8));
        assertThat(r.holdout()).isEqualTo(new Uplift.Group(100, 10, 30_000, 9e7));
        assertThat(r.conversionUplift().difference()).isCloseTo(0.05, within(1e-12));
        assertThat(r.conversionUplift().low()).isCloseTo(-0.026852, within(1e-6));
        assertThat(r.conversionUplift().high()).isCloseTo(0.126852, within(1e-6));
        assertThat(r.revenueUplift().difference()).isCloseTo(150, within(1e-9));
        assertThat(r.revenueUplift().low()).isCloseTo(-81.476, within(1e-3));
        assertThat(r.revenueUplift().high()).isCloseTo(381.476, within(1e-3));
    }
}
