package dev.kizuna.webhooks;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every module installed, the features' changes leave their domain events in the outbox, in the order they
 * happened, with ids and figures and no personal data: a registration, an order's points, a cancel that takes them
 * back, and the RFM segment the customer enters. Without a subscriber the delivery keeps none of them.
 */
@KizunaTest
class DomainEventsTest {

    @Test
    void changes_record_their_events_without_personal_data(KizunaRuntime kizuna) {
        Instant now = kizuna.context().clock().instant();
        kizuna.publisher().publish(new CustomerRegistered("ev-de-reg", now.minus(Duration.ofDays(90)), "C-DE",
                "de@example.jp", "山田 太郎", null, "ja", Map.of()));
        OrderSubmitted.OrderLine line = new OrderSubmitted.OrderLine("TEA-1", "tea", 2, 4_000, 0);
        kizuna.publisher().publish(new OrderSubmitted("ev-de-o1", now.minus(Duration.ofDays(20)), "O-DE-1", "C-DE", "JPY",
                OrderSubmitted.Channel.WEB, List.of(line), 8_000, 0, 0, 0, 0, null, 8_000));
        kizuna.publisher().publish(new OrderDelivered("ev-de-d1", now.minus(Duration.ofDays(18)), "O-DE-1"));
        kizuna.publisher().publish(new OrderSubmitted("ev-de-o2", now.minus(Duration.ofDays(2)), "O-DE-2", "C-DE", "JPY",
                OrderSubmitted.Channel.WEB, List.of(line), 8_000, 0, 0, 0, 0, null, 8_000));
        kizuna.publisher().publish(new OrderCancelled("ev-de-c2", now.minus(Duration.ofDays(1)), "O-DE-2"));
        assertThat(kizuna.jobRuns().run(kizuna.context().jobs().find("rfm-scoring").orElseThrow(), "manual", null)
                .status()).isEqualTo(JobRunStatus.SUCCEEDED);

        List<String> events = kizuna.context().database().inTransaction(tx -> tx.sql().list("""
                SELECT e.type || ' ' || e.data::text FROM domain_event e JOIN member m ON m.id = e.member_id
                WHERE m.customer_ref = 'C-DE' ORDER BY e.id""", rs -> rs.getString(1)));

        assertThat(events).extracting(e -> e.split(" ")[0]).containsExactly("customer.registered", "points.earned",
                "points.earned", "points.reversed", "segment.entered");
        assertThat(events.get(1)).contains("\"orderId\": \"O-DE-1\"").contains("\"points\": 80");
        assertThat(events.get(3)).contains("\"orderId\": \"O-DE-2\"");
        assertThat(String.join("\n", events)).doesNotContain("de@example.jp").doesNotContain("山田");

        // no endpoint subscribes: the delivery takes them out of the outbox and keeps nothing for them
        Webhooks webhooks = kizuna.context().ports().require(Webhooks.class);
        webhooks.deliverDue();
        long left = kizuna.context().database().inTransaction(tx -> tx.sql().number("SELECT count(*) FROM domain_event"));
        assertThat(left).isZero();
        assertThat(webhooks.backlog()).isZero();
    }
}
