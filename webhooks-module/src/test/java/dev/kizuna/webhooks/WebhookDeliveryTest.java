package dev.kizuna.webhooks;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole way out: a local receiver (a JDK HTTP server, allowed only through
 * {@code kizuna.webhooks.allow-private-addresses}) subscribed to {@code points.earned} and {@code rank.changed};
 * orders placed and confirmed so a customer reaches Silver; every event arrives once, signed; failures and a timeout
 * are retried until everything arrives, in order per customer; a replay keeps its webhook-id; the metadata address
 * is refused.
 */
@KizunaTest(config = {"kizuna.webhooks.allow-private-addresses=true", "kizuna.webhooks.backoff-base=PT0.02S",
        "kizuna.webhooks.timeout=PT1S", "kizuna.points.return-window-days=1"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookDeliveryTest {
    static Receiver receiver;
    static List<Receiver.Received> received;
    static String secret;
    static long subscriptionId;

    static KizunaRuntime kizuna;
    static ApiClient api;

    @BeforeAll
    static void start(KizunaRuntime k, ApiClient a) throws IOException {
        kizuna = k;
        api = a;
        receiver = new Receiver();
        received = receiver.received;
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    static Webhooks webhooks() {
        return kizuna.context().ports().require(Webhooks.class);
    }

    static String receiverUrl() {
        return receiver.url();
    }

    /** Runs the delivery until the receiver has accepted {@code count} requests matching, or 20 s have passed. */
    static void deliverUntil(Predicate<Receiver.Received> which, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.stream().filter(r -> r.accepted() && which.test(r)).count() < count && System.nanoTime() < deadline) {
            webhooks().deliverDue();
            Receiver.sleep(20);
        }
    }

    static boolean validSignature(Receiver.Received r, String whsec) throws GeneralSecurityException {
        return Receiver.validSignature(r, whsec);
    }

    static Instant now() {
        return kizuna.context().clock().instant();
    }

    static void register(String customer) {
        kizuna.publisher().publish(new CustomerRegistered("reg-" + customer, now(), customer, customer + "@example.jp",
                "Name " + customer, null, "ja", Map.of()));
    }

    /** A ¥10,000 order (100 points at the default rate), delivered at once. */
    static void orderAndDeliver(String order, String customer) {
        OrderSubmitted.OrderLine line = new OrderSubmitted.OrderLine("TEA-1", "tea", 1, 10_000, 0);
        kizuna.publisher().publish(new OrderSubmitted("sub-" + order, now(), order, customer, "JPY",
                OrderSubmitted.Channel.WEB, List.of(line), 10_000, 0, 0, 0, 0, null, 10_000));
        kizuna.publisher().publish(new OrderDelivered("del-" + order, now(), order));
    }

    /** The return window passes and the confirmation job runs (upgrading ranks at once). */
    static void confirm() {
        kizuna.context().clock().set(now().plus(Duration.ofDays(2)));
        kizuna.jobRuns().run(kizuna.context().jobs().find("points-confirmation").orElseThrow(), "manual", null);
    }

    @Test
    @Order(1)
    void the_cloud_metadata_address_is_refused_even_where_private_addresses_are_allowed() {
        ApiClient.Reply refused = api.call(new ApiClient.Token(), "POST", "/webhooks",
                "{\"url\":\"http://169.254.169.254/\",\"eventTypes\":[\"points.earned\"]}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("url");
        assertThat(refused.json().path("code").asText()).isEqualTo("webhook.address-refused");
        assertThat(api.call(new ApiClient.Token(), "GET", "/webhooks", null).json()).isEmpty();
    }

    @Test
    @Order(2)
    void orders_that_reach_a_rank_send_each_event_once_signed() throws Exception {
        ApiClient.Reply created = api.call(new ApiClient.Token(), "POST", "/webhooks",
                "{\"url\":\"" + receiverUrl() + "\",\"eventTypes\":[\"points.earned\",\"rank.changed\"]}");
        assertThat(created.status()).isEqualTo(201);
        secret = created.json().path("secret").asText();
        subscriptionId = created.json().path("subscription").path("id").asLong();
        assertThat(secret).startsWith("whsec_");

        register("C-1");
        orderAndDeliver("O-1", "C-1");
        orderAndDeliver("O-2", "C-1");
        confirm();
        deliverUntil(r -> true, 3);
        webhooks().deliverDue();

        assertThat(received).hasSize(3);
        assertThat(received).extracting(Receiver.Received::id).doesNotHaveDuplicates();
        for (Receiver.Received r : received) {
            assertThat(validSignature(r, secret)).as("signature of %s", r.id()).isTrue();
            assertThat(r.json().path("version").asInt()).isEqualTo(1);
            assertThat(r.json().path("data").has("email")).as("no PII unless opted in").isFalse();
        }
        assertThat(received).extracting(Receiver.Received::type).containsExactly("points.earned", "points.earned", "rank.changed");
        assertThat(received.get(0).json().path("data").path("orderId").asText()).isEqualTo("O-1");
        assertThat(received.get(0).json().path("data").path("points").asLong()).isEqualTo(100);
        assertThat(received.get(2).json().path("data").path("to").asText()).isEqualTo("SILVER");
        assertThat(validSignature(new Receiver.Received(received.get(0).id(), received.get(0).timestamp(),
                received.get(0).signature(), received.get(0).body() + " ", true), secret))
                .as("a changed body does not verify").isFalse();
    }

    @Test
    @Order(3)
    void failures_and_a_timeout_are_retried_until_every_event_arrives_in_order_per_customer() {
        received.clear();
        receiver.answer(List.of(Receiver.Answer.FAIL, Receiver.Answer.FAIL, Receiver.Answer.FAIL, Receiver.Answer.HANG));
        register("C-2");
        orderAndDeliver("O-3", "C-2");
        orderAndDeliver("O-4", "C-2");
        orderAndDeliver("O-5", "C-1");
        confirm();

        deliverUntil(r -> true, 4);
        webhooks().deliverDue();

        List<Receiver.Received> accepted = received.stream().filter(Receiver.Received::accepted).toList();
        assertThat(received.size()).as("4 refused attempts before").isGreaterThanOrEqualTo(accepted.size() + 4);
        assertThat(accepted).extracting(Receiver.Received::id).doesNotHaveDuplicates().hasSize(4);
        assertThat(accepted.stream().filter(r -> r.customer().equals("C-2")).map(r -> r.json().path("data").path("orderId").asText()
                + "/" + r.type()).toList()).containsExactly("O-3/points.earned", "O-4/points.earned", "/rank.changed");
        assertThat(accepted.stream().filter(r -> r.customer().equals("C-1")).map(Receiver.Received::type).toList())
                .containsExactly("points.earned");
        List<Delivery> deliveries = webhooks().deliveries(subscriptionId, Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), 50);
        assertThat(deliveries).hasSize(7).allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED));
        assertThat(deliveries).anySatisfy(d -> assertThat(d.attempts()).isGreaterThan(1));
        assertThat(webhooks().subscription(subscriptionId).status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    @Order(4)
    void a_replay_sends_the_same_webhook_id_again() throws Exception {
        List<Delivery> deliveries = webhooks().deliveries(subscriptionId, Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), 50);
        String webhookId = deliveries.get(deliveries.size() - 1).webhookId();
        received.clear();

        ApiClient.Reply replay = api.call(new ApiClient.Token(), "POST",
                "/webhooks/" + subscriptionId + "/deliveries/" + webhookId + "/replay", null);
        assertThat(replay.status()).isEqualTo(202);
        deliverUntil(r -> true, 1);

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(webhookId);
            assertThat(r.type()).isEqualTo("points.earned");
            assertThat(validSignature(r, secret)).isTrue();
        });

        received.clear();
        ApiClient.Reply range = api.call(new ApiClient.Token(), "POST", "/webhooks/" + subscriptionId + "/replay",
                "{\"from\":\"2000-01-01T00:00:00Z\",\"to\":\"2199-01-01T00:00:00Z\"}");
        assertThat(range.json().path("messages").asInt()).isEqualTo(7);
        deliverUntil(r -> true, 7);
        assertThat(received).extracting(Receiver.Received::id).containsExactlyInAnyOrderElementsOf(
                deliveries.stream().map(Delivery::webhookId).toList());
        List<String> ids = new ArrayList<>();
        received.forEach(r -> ids.add(r.id()));
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    @Order(5)
    void a_rotated_secret_signs_beside_the_previous_one_during_the_overlap() throws Exception {
        ApiClient.Reply rotated = api.call(new ApiClient.Token(), "POST", "/webhooks/" + subscriptionId + "/secret", null);
        String fresh = rotated.json().path("secret").asText();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(secret);
        received.clear();
        api.call(new ApiClient.Token(), "POST", "/webhooks/" + subscriptionId + "/deliveries/"
                + webhooks().deliveries(subscriptionId, Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), 1).get(0).webhookId()
                + "/replay", null);
        deliverUntil(r -> true, 1);

        Receiver.Received r = received.get(0);
        assertThat(r.signature().split(" ")).hasSize(2);
        assertThat(validSignature(r, fresh)).isTrue();
        assertThat(validSignature(r, secret)).isTrue();
    }
}
