package dev.kizuna.core.intake;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.EventPublisher.Outcome;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs of orders taken by batch handlers ({@link EventBus#onBatch}): the mirror's and a feature's. */
class EventBatchIntakeTest {
    static KizunaRuntime kizuna;
    /** The orders of each list the feature handler was given. */
    static final List<List<String>> deliveries = new CopyOnWriteArrayList<>();
    /** Orders the feature handler refuses, as a downstream failure would. */
    static final Set<String> refused = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install();
        kizuna.context().events().onBatch(OrderSubmitted.class, "test.orders", EventBus.FEATURE, (events, tx) -> {
            for (OrderSubmitted e : events) {
                if (refused.contains(e.orderId())) {
                    throw new IllegalStateException("downstream refuses " + e.orderId());
                }
                // The mirror has recorded the whole run before a feature handler sees it.
                assertThat(tx.sql().number("SELECT count(*) FROM order_summary WHERE order_ref = ?", e.orderId())).isEqualTo(1);
            }
            deliveries.add(events.stream().map(OrderSubmitted::orderId).toList());
        });
    }

    @AfterAll
    static void close() {
        kizuna.close();
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static OrderSubmitted order(String orderId, String customerId, int units) {
        return new OrderSubmitted(id(), Instant.parse("2026-05-01T01:00:00Z"), orderId, customerId, "JPY",
                OrderSubmitted.Channel.WEB,
                List.of(new OrderSubmitted.OrderLine("SKU-1", "books", units, 3000, 100),
                        new OrderSubmitted.OrderLine("SKU-2", "music", 1, 4000, 0)),
                units * 3000L - 100 + 4000, 100, 500, 0, 0, "WELCOME", units * 3000L - 100 + 4500);
    }

    long count(String sql, Object... params) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number(sql, params));
    }

    String inboxStatus(String eventId) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT status FROM event_inbox WHERE event_id = ?", rs -> rs.getString(1), eventId).orElse(null));
    }

    @Test
    void a_run_of_orders_is_handled_as_one_list_and_mirrored_like_single_orders() {
        String a = "C-" + id();
        String b = "C-" + id();
        List<OrderSubmitted> orders = List.of(order("O-" + id(), a, 1), order("O-" + id(), b, 2), order("O-" + id(), a, 3));

        assertThat(kizuna.publisher().publishAll(orders)).containsOnly(Outcome.APPLIED);
        assertThat(kizuna.publisher().publishAll(orders)).containsOnly(Outcome.DUPLICATE);

        List<String> refs = orders.stream().map(OrderSubmitted::orderId).toList();
        assertThat(deliveries).contains(refs);
        assertThat(deliveries.stream().filter(d -> d.contains(refs.get(0))).count()).isEqualTo(1);
        // Both of a's orders belong to one member created for them; order ids follow the list.
        assertThat(count("SELECT count(*) FROM member WHERE customer_ref = ?", a)).isEqualTo(1);
        assertThat(count("SELECT count(DISTINCT o.member_id) FROM order_summary o JOIN member m ON m.id = o.member_id "
                + "WHERE m.customer_ref = ?", a)).isEqualTo(1);
        List<String> byId = kizuna.context().database().inTransaction(tx -> tx.sql().list(
                "SELECT order_ref FROM order_summary WHERE order_ref = ANY(?) ORDER BY id", rs -> rs.getString(1),
                tx.sql().textArray(refs.toArray(String[]::new))));
        assertThat(byId).containsExactlyElementsOf(refs);
        OrderSubmitted third = orders.get(2);
        List<Object> mirrored = kizuna.context().database().inTransaction(tx -> tx.sql().one("""
                SELECT o.merchandise_total, o.grand_total, o.coupon_code, o.status, sum(l.quantity), count(l.*)
                FROM order_summary o JOIN order_line l ON l.order_id = o.id WHERE o.order_ref = ?
                GROUP BY o.id""", rs -> List.<Object>of(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getLong(5), rs.getLong(6)), third.orderId()).orElseThrow());
        assertThat(mirrored).containsExactly(third.merchandiseTotal(), third.grandTotal(), "WELCOME", "SUBMITTED", 4L, 2L);
        assertThat(count("SELECT count(*) FROM event_inbox WHERE event_id = ANY(?) AND status = 'DONE'",
                (Object) kizuna.context().database().inTransaction(tx -> tx.sql().textArray(
                        orders.stream().map(HostEvent::eventId).toArray(String[]::new))))).isEqualTo(3);
    }

    @Test
    void a_failing_order_in_a_run_is_recorded_and_the_others_apply() {
        OrderSubmitted good1 = order("O-" + id(), "C-" + id(), 1);
        OrderSubmitted bad = order("O-" + id(), "C-" + id(), 1);
        OrderSubmitted good2 = order("O-" + id(), "C-" + id(), 1);
        refused.add(bad.orderId());

        assertThat(kizuna.publisher().publishAll(List.of(good1, bad, good2)))
                .containsExactly(Outcome.APPLIED, Outcome.FAILED, Outcome.APPLIED);

        assertThat(inboxStatus(bad.eventId())).isEqualTo("FAILED");
        assertThat(inboxStatus(good1.eventId())).isEqualTo("DONE");
        assertThat(count("SELECT count(*) FROM order_summary WHERE order_ref = ?", bad.orderId())).isZero();
        assertThat(count("SELECT count(*) FROM order_summary WHERE order_ref = ANY(?)", (Object) kizuna.context().database()
                .inTransaction(tx -> tx.sql().textArray(new String[]{good1.orderId(), good2.orderId()})))).isEqualTo(2);

        refused.remove(bad.orderId());
        assertThat(kizuna.intake().applyStored(bad.eventId())).isEqualTo(Outcome.APPLIED);
        assertThat(count("SELECT count(*) FROM order_summary WHERE order_ref = ?", bad.orderId())).isEqualTo(1);
    }

    @Test
    void the_same_order_twice_in_a_run_is_recorded_once_and_the_repeat_fails() {
        OrderSubmitted first = order("O-" + id(), "C-" + id(), 1);
        OrderSubmitted again = new OrderSubmitted(id(), first.occurredAt(), first.orderId(), first.customerId(), "JPY",
                first.channel(), first.lines(), first.merchandiseTotal(), first.discountTotal(), first.shippingTotal(),
                first.taxTotal(), first.pointsRedeemed(), first.couponCode(), first.grandTotal());

        assertThat(kizuna.publisher().publishAll(List.of(first, again))).containsExactly(Outcome.APPLIED, Outcome.FAILED);
        assertThat(count("SELECT count(*) FROM order_summary WHERE order_ref = ?", first.orderId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM order_line l JOIN order_summary o ON o.id = l.order_id WHERE o.order_ref = ?",
                first.orderId())).isEqualTo(2);
    }

    @Test
    void a_cancel_between_orders_splits_the_run_and_applies_in_order() {
        OrderSubmitted o1 = order("O-" + id(), "C-" + id(), 1);
        OrderSubmitted o2 = order("O-" + id(), "C-" + id(), 1);
        OrderCancelled cancel = new OrderCancelled(id(), Instant.parse("2026-05-01T02:00:00Z"), o1.orderId());
        OrderSubmitted o3 = order("O-" + id(), "C-" + id(), 1);
        // A cancel of an order that comes later in the same batch waits for it, then applies after commit.
        OrderSubmitted o4 = order("O-" + id(), "C-" + id(), 1);
        OrderCancelled early = new OrderCancelled(id(), Instant.parse("2026-05-01T02:00:00Z"), o4.orderId());
        List<HostEvent> batch = new ArrayList<>(List.of(o1, o2, cancel, early, o3, o4));

        assertThat(kizuna.publisher().publishAll(batch)).containsExactly(Outcome.APPLIED, Outcome.APPLIED,
                Outcome.APPLIED, Outcome.PARKED, Outcome.APPLIED, Outcome.APPLIED);

        assertThat(count("SELECT count(*) FROM order_summary WHERE order_ref = ? AND status = 'CANCELLED'", o1.orderId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM order_summary WHERE order_ref = ? AND status = 'SUBMITTED'", o2.orderId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM order_summary WHERE order_ref = ? AND status = 'CANCELLED'", o4.orderId())).isEqualTo(1);
        assertThat(inboxStatus(early.eventId())).isEqualTo("DONE");
        assertThat(deliveries).contains(List.of(o1.orderId(), o2.orderId())).contains(List.of(o3.orderId(), o4.orderId()));
    }
}
