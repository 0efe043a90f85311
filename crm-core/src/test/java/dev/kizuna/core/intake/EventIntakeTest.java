package dev.kizuna.core.intake;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.EventPublisher.Outcome;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.InvalidEventException;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventIntakeTest {
    static KizunaRuntime kizuna;
    static final AtomicInteger submittedHandled = new AtomicInteger();
    static final AtomicInteger flakyFailuresLeft = new AtomicInteger();

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install();
        kizuna.context().events().on(OrderSubmitted.class, "test.count", EventBus.FEATURE, (e, tx) -> submittedHandled.incrementAndGet());
        kizuna.context().events().on(OrderDelivered.class, "test.flaky", EventBus.FEATURE, (e, tx) -> {
            if (flakyFailuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("downstream unavailable");
            }
        });
    }

    @AfterAll
    static void close() {
        kizuna.close();
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static OrderSubmitted order(String eventId, String orderId, String customerId) {
        return new OrderSubmitted(eventId, Instant.parse("2026-05-01T01:00:00Z"), orderId, customerId, "JPY",
                OrderSubmitted.Channel.WEB,
                List.of(new OrderSubmitted.OrderLine("SKU-1", "books", 2, 3000, 0),
                        new OrderSubmitted.OrderLine("SKU-2", "music", 1, 4000, 0)),
                10000, 0, 500, 0, 0, null, 10500);
    }

    long count(String sql, Object... params) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number(sql, params));
    }

    String orderStatus(String orderRef) {
        return kizuna.context().database().inTransaction(tx ->
                tx.sql().one("SELECT status FROM order_summary WHERE order_ref = ?", rs -> rs.getString(1), orderRef).orElse(null));
    }

    @Test
    void an_event_published_three_times_is_handled_once() {
        String eventId = id();
        String orderId = "O-" + id();
        int before = submittedHandled.get();
        OrderSubmitted e = order(eventId, orderId, "C-1");

        assertThat(kizuna.publisher().publish(e)).isEqualTo(Outcome.APPLIED);
        assertThat(kizuna.publisher().publish(e)).isEqualTo(Outcome.DUPLICATE);
        assertThat(kizuna.publisher().publish(e)).isEqualTo(Outcome.DUPLICATE);

        assertThat(submittedHandled.get() - before).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM order_summary WHERE order_ref = ?", orderId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM order_line l JOIN order_summary o ON o.id = l.order_id WHERE o.order_ref = ?", orderId)).isEqualTo(2);
    }

    @Test
    void the_same_event_published_concurrently_is_handled_once() throws Exception {
        String orderId = "O-" + id();
        OrderSubmitted e = order(id(), orderId, "C-2");
        int before = submittedHandled.get();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return kizuna.publisher().publish(e);
            }));
        }
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).containsOnlyOnce(Outcome.APPLIED).filteredOn(o -> o != Outcome.APPLIED).containsOnly(Outcome.DUPLICATE);
        assertThat(submittedHandled.get() - before).isEqualTo(1);
    }

    @Test
    void a_cancel_published_before_its_order_is_applied_when_the_order_arrives() {
        String orderId = "O-" + id();
        assertThat(kizuna.publisher().publish(new OrderCancelled(id(), Instant.parse("2026-05-01T02:00:00Z"), orderId)))
                .isEqualTo(Outcome.PARKED);
        assertThat(orderStatus(orderId)).isNull();

        assertThat(kizuna.publisher().publish(order(id(), orderId, "C-3"))).isEqualTo(Outcome.APPLIED);

        assertThat(orderStatus(orderId)).isEqualTo("CANCELLED");
        assertThat(count("SELECT count(*) FROM event_inbox WHERE status = 'PARKED' AND requires = ?", "order:" + orderId)).isZero();
    }

    @Test
    void a_cancel_racing_its_order_is_never_lost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String orderId = "O-" + id();
            orders.add(orderId);
            CountDownLatch start = new CountDownLatch(1);
            Future<?> a = pool.submit(() -> {
                start.await();
                return kizuna.publisher().publish(new OrderCancelled(id(), Instant.parse("2026-05-01T02:00:00Z"), orderId));
            });
            Future<?> b = pool.submit(() -> {
                start.await();
                return kizuna.publisher().publish(order(id(), orderId, "C-race"));
            });
            start.countDown();
            a.get();
            b.get();
        }
        pool.shutdown();
        for (String orderId : orders) {
            assertThat(orderStatus(orderId)).as(orderId).isEqualTo("CANCELLED");
        }
    }

    @Test
    void invalid_events_are_refused_naming_the_field_and_nothing_is_written() {
        long inboxBefore = count("SELECT count(*) FROM event_inbox");
        String orderId = "O-" + id();
        OrderSubmitted negativeQuantity = new OrderSubmitted(id(), Instant.now(), orderId, "C-4", "JPY", null,
                List.of(new OrderSubmitted.OrderLine("A", "x", 1, 100, 0), new OrderSubmitted.OrderLine("B", "x", -1, 100, 0)),
                0, 0, 0, 0, 0, null, 0);
        OrderSubmitted negativePrice = new OrderSubmitted(id(), Instant.now(), orderId, "C-4", "JPY", null,
                List.of(new OrderSubmitted.OrderLine("A", "x", 1, -100, 0)), -100, 0, 0, 0, 0, null, 0);
        OrderSubmitted unknownCurrency = new OrderSubmitted(id(), Instant.now(), orderId, "C-4", "XYZ", null,
                List.of(new OrderSubmitted.OrderLine("A", "x", 1, 100, 0)), 100, 0, 0, 0, 0, null, 100);
        OrderSubmitted missingId = new OrderSubmitted(" ", Instant.now(), orderId, "C-4", "JPY", null,
                List.of(new OrderSubmitted.OrderLine("A", "x", 1, 100, 0)), 100, 0, 0, 0, 0, null, 100);
        CustomerRegistered oversize = new CustomerRegistered(id(), Instant.now(), "C-5", "a@example.com",
                "x".repeat(70_000), LocalDate.of(1990, 1, 1), "ja", Map.of());

        assertThatThrownBy(() -> kizuna.publisher().publish(negativeQuantity))
                .isInstanceOf(InvalidEventException.class).extracting("field").isEqualTo("lines[1].quantity");
        assertThatThrownBy(() -> kizuna.publisher().publish(negativePrice))
                .isInstanceOf(InvalidEventException.class).extracting("field").isEqualTo("lines[0].unitPrice");
        assertThatThrownBy(() -> kizuna.publisher().publish(unknownCurrency))
                .isInstanceOf(InvalidEventException.class).extracting("field").isEqualTo("currency");
        assertThatThrownBy(() -> kizuna.publisher().publish(missingId))
                .isInstanceOf(InvalidEventException.class).extracting("field").isEqualTo("eventId");
        assertThatThrownBy(() -> kizuna.publisher().publish(oversize))
                .isInstanceOf(InvalidEventException.class).extracting("field").isEqualTo("event");
        // one bad event in a batch refuses the whole batch
        assertThatThrownBy(() -> kizuna.publisher().publishAll(List.of(order(id(), orderId, "C-4"), negativeQuantity)))
                .isInstanceOf(InvalidEventException.class);

        assertThat(count("SELECT count(*) FROM event_inbox")).isEqualTo(inboxBefore);
        assertThat(orderStatus(orderId)).isNull();
    }

    @Test
    void a_failing_handler_never_fails_the_host_and_the_event_is_retried() {
        String orderId = "O-" + id();
        kizuna.publisher().publish(order(id(), orderId, "C-6"));
        flakyFailuresLeft.set(1);
        String deliveredId = id();

        Outcome outcome = kizuna.publisher().publish(new OrderDelivered(deliveredId, Instant.parse("2026-05-03T00:00:00Z"), orderId));

        assertThat(outcome).isEqualTo(Outcome.FAILED);
        assertThat(orderStatus(orderId)).as("the mirror's change rolled back with the failed handler").isEqualTo("SUBMITTED");
        String error = kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT last_error FROM event_inbox WHERE event_id = ?", rs -> rs.getString(1), deliveredId).orElseThrow());
        assertThat(error).contains("test.flaky").contains("downstream unavailable");

        assertThat(kizuna.intake().applyStored(deliveredId)).isEqualTo(Outcome.APPLIED);
        assertThat(orderStatus(orderId)).isEqualTo("DELIVERED");
    }

    @Test
    void one_failing_event_in_a_batch_is_recorded_and_the_others_apply() {
        String first = "O-" + id();
        String second = "O-" + id();
        String failing = id();
        flakyFailuresLeft.set(1);

        List<Outcome> outcomes = kizuna.publisher().publishAll(List.<HostEvent>of(
                order(id(), first, "C-8"), order(id(), second, "C-8"),
                new OrderDelivered(failing, Instant.parse("2026-05-03T00:00:00Z"), first),
                new OrderDelivered(id(), Instant.parse("2026-05-03T00:00:00Z"), second)));

        assertThat(outcomes).containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.FAILED, Outcome.APPLIED);
        assertThat(orderStatus(first)).isEqualTo("SUBMITTED");
        assertThat(orderStatus(second)).isEqualTo("DELIVERED");
        assertThat(count("SELECT attempts FROM event_inbox WHERE event_id = ?", failing))
                .as("the failing handler ran once, not again in the same call").isEqualTo(1);
    }

    @Test
    void a_partial_return_keeps_the_order_and_records_the_returned_share() {
        String orderId = "O-" + id();
        kizuna.publisher().publishAll(List.<HostEvent>of(order(id(), orderId, "C-7"),
                new OrderReturned(id(), Instant.parse("2026-05-05T00:00:00Z"), orderId, List.of(new OrderReturned.ReturnedLine("SKU-1", 1)))));
        assertThat(orderStatus(orderId)).isEqualTo("PARTIALLY_RETURNED");
        assertThat(count("SELECT returned_total FROM order_summary WHERE order_ref = ?", orderId)).isEqualTo(3000);
    }

    @Test
    void a_return_of_more_than_was_bought_is_rejected_with_its_reason_changes_nothing_and_is_never_retried() {
        String orderId = "O-" + id();
        kizuna.publisher().publish(order(id(), orderId, "C-8"));
        String returnId = id();
        Outcome o = kizuna.publisher().publish(new OrderReturned(returnId, Instant.now(), orderId,
                List.of(new OrderReturned.ReturnedLine("SKU-1", 3))));
        assertThat(o).isEqualTo(Outcome.REJECTED);
        assertThat(orderStatus(orderId)).isEqualTo("SUBMITTED");
        assertThat(count("SELECT returned_total FROM order_summary WHERE order_ref = ?", orderId)).isZero();
        String reason = kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT status || ': ' || last_error FROM event_inbox WHERE event_id = ?", rs -> rs.getString(1), returnId)
                .orElseThrow());
        assertThat(reason).isEqualTo("REJECTED: return of 3 x SKU-1 exceeds the 2 still kept in order " + orderId);

        kizuna.context().clock().set(Instant.now().plusSeconds(86_400 * 30));
        try {
            kizuna.intake().retries().retryDue(10_000);
            assertThat(kizuna.intake().applyStored(returnId)).isEqualTo(Outcome.DUPLICATE);
        } finally {
            kizuna.context().clock().set(Instant.now());
        }
        assertThat(count("SELECT attempts FROM event_inbox WHERE event_id = ? AND status = 'REJECTED'", returnId))
                .as("never taken again").isEqualTo(1);
    }

    @Test
    void birth_dates_are_not_stored_in_plain_text() {
        kizuna.publisher().publish(new CustomerRegistered(id(), Instant.now(), "C-9", "hanako@example.jp", "Hanako",
                LocalDate.of(1990, 2, 14), "ja-JP", Map.of("mail", true)));
        String stored = kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT birth_date FROM member WHERE customer_ref = 'C-9'", rs -> rs.getString(1), new Object[0]).orElseThrow());
        assertThat(stored).doesNotContain("1990").startsWith("v1.k1.");
        assertThat(kizuna.context().cipher().decrypt(stored, "member.birth_date:C-9")).isEqualTo("1990-02-14");
        byte[] birthday = kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT birthday_index FROM member WHERE customer_ref = 'C-9'", rs -> rs.getBytes(1), new Object[0]).orElseThrow());
        assertThat(birthday).as("the birthday job's index of 0214").isEqualTo(kizuna.context().blindIndex().birthday(2, 14))
                .isNotEqualTo(kizuna.context().blindIndex().birthday(2, 15));
    }
}
