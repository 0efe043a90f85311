package dev.kizuna.webhooks;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an endpoint opted in to personal data receives, and what happens to one that keeps failing: its messages
 * are dead letters once {@code retry-for} has passed, it is disabled after {@code disable-after} of failures (the
 * console's notice lists it), and enabled again it gets what a replay sends.
 */
@KizunaTest(config = {"kizuna.webhooks.allow-private-addresses=true", "kizuna.webhooks.backoff-base=PT0.02S",
        "kizuna.webhooks.backoff-max=PT0.05S", "kizuna.webhooks.retry-for=PT0.4S", "kizuna.webhooks.disable-after=PT1S",
        "kizuna.webhooks.timeout=PT1S"})
class WebhookFailureTest {
    static Receiver receiver;

    @BeforeAll
    static void start() throws IOException {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    static void register(KizunaRuntime kizuna, String customer, String name) {
        kizuna.publisher().publish(new CustomerRegistered("reg-" + customer, kizuna.context().clock().instant(), customer,
                customer.toLowerCase() + "@example.jp", name, null, "ja", Map.of()));
    }

    @Test
    void an_opted_in_endpoint_gets_names_and_a_failing_one_is_dead_lettered_then_disabled(KizunaRuntime kizuna,
                                                                                          ApiClient api) {
        Webhooks webhooks = kizuna.context().ports().require(Webhooks.class);
        ApiClient.Reply created = api.call(new ApiClient.Token(), "POST", "/webhooks", "{\"url\":\"" + receiver.url()
                + "\",\"eventTypes\":[\"customer.registered\"],\"includePii\":true}");
        long id = created.json().path("subscription").path("id").asLong();

        register(kizuna, "C-P", "山田 花子");
        for (int i = 0; i < 100 && receiver.accepted() < 1; i++) {
            webhooks.deliverDue();
            Receiver.sleep(20);
        }
        assertThat(receiver.received).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("customer.registered");
            assertThat(r.json().path("data").path("name").asText()).isEqualTo("山田 花子");
            assertThat(r.json().path("data").path("email").asText()).isEqualTo("c-p@example.jp");
        });

        receiver.otherwise(Receiver.Answer.FAIL);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (int n = 0; webhooks.subscription(id).status() == SubscriptionStatus.ACTIVE && System.nanoTime() < deadline; n++) {
            register(kizuna, "C-F" + n, "Name " + n);
            webhooks.deliverDue();
            Receiver.sleep(50);
        }

        Subscription disabled = webhooks.subscription(id);
        assertThat(disabled.status()).isEqualTo(SubscriptionStatus.DISABLED);
        assertThat(disabled.disabledReason()).isEqualTo(DisableReason.FAILING);
        assertThat(webhooks.disabled()).extracting(Subscription::id).containsExactly(id);
        List<Delivery> deliveries = webhooks.deliveries(id, Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), 500);
        assertThat(deliveries).anySatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.DEAD));
        int sentWhileDisabled = receiver.received.size();
        register(kizuna, "C-LATE", "Late");
        webhooks.deliverDue();
        assertThat(receiver.received).as("nothing goes to a disabled endpoint").hasSize(sentWhileDisabled);

        receiver.otherwise(Receiver.Answer.OK);
        assertThat(api.call(new ApiClient.Token(), "POST", "/webhooks/" + id + "/enable", null).json().path("status")
                .asText()).isEqualTo("ACTIVE");
        api.call(new ApiClient.Token(), "POST", "/webhooks/" + id + "/replay",
                "{\"from\":\"2000-01-01T00:00:00Z\",\"to\":\"2199-01-01T00:00:00Z\"}");
        for (int i = 0; i < 200 && webhooks.deliveries(id, Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), 500)
                .stream().anyMatch(d -> d.status() != DeliveryStatus.DELIVERED); i++) {
            webhooks.deliverDue();
            Receiver.sleep(20);
        }
        assertThat(webhooks.deliveries(id, Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), 500))
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED));
    }
}
