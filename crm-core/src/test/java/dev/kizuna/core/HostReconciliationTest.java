package dev.kizuna.core;

import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.HostOrders;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.KizunaTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code host-reconciliation} against a host that lists its orders, and rejected events in the API. */
@KizunaTest(perMethod = true)
class HostReconciliationTest {

    /** The host's orders: what it committed, whether or not Kizuna heard of it. */
    static final class Orders implements HostOrders {
        final Map<String, OrderSubmitted> placed = new ConcurrentHashMap<>();

        @Override
        public List<HostOrder> changedBetween(Instant from, Instant to) {
            return placed.values().stream().filter(o -> !o.occurredAt().isBefore(from) && o.occurredAt().isBefore(to))
                    .map(Orders::view).toList();
        }

        @Override
        public Optional<HostOrder> find(String orderId) {
            return Optional.ofNullable(placed.get(orderId)).map(Orders::view);
        }

        @Override
        public List<HostEvent> eventsOf(String orderId) {
            return Optional.ofNullable(placed.get(orderId)).<List<HostEvent>>map(List::of).orElse(List.of());
        }

        static HostOrder view(OrderSubmitted o) {
            return new HostOrder(o.orderId(), o.customerId(), Status.PLACED, o.grandTotal(), o.pointsRedeemed(), o.occurredAt());
        }
    }

    static OrderSubmitted order(String ref, String customer, Instant at) {
        return new OrderSubmitted("sub-" + ref, at, ref, customer, "JPY", OrderSubmitted.Channel.WEB,
                List.of(new OrderSubmitted.OrderLine("TEA", "tea", 2, 1_500, 0)), 3_000, 0, 500, 0, 0, null, 3_500);
    }

    static String outcome(KizunaRuntime kizuna) {
        JobRuns.JobRun run = kizuna.jobRuns().run(kizuna.context().jobs().find("host-reconciliation").orElseThrow(),
                "manual", null);
        assertThat(run.status()).isEqualTo(JobRunStatus.SUCCEEDED);
        return run.outcome();
    }

    @Test
    void the_reconciliation_names_an_order_kizuna_never_saw_and_republishes_it(KizunaRuntime kizuna, FakeHost host) {
        Orders orders = new Orders();
        host.orders = orders;
        Instant now = kizuna.context().clock().instant().truncatedTo(ChronoUnit.SECONDS);
        OrderSubmitted seen = order("H-1", "C-1", now.minusSeconds(600));
        OrderSubmitted lost = order("H-2", "C-2", now.minusSeconds(300));
        orders.placed.put(seen.orderId(), seen);
        orders.placed.put(lost.orderId(), lost);
        kizuna.publisher().publish(seen);
        // Kizuna's own order of another total than the host's
        OrderSubmitted differing = order("H-3", "C-3", now.minusSeconds(200));
        kizuna.publisher().publish(differing);
        orders.placed.put("H-3", new OrderSubmitted(differing.eventId(), differing.occurredAt(), "H-3", "C-3", "JPY",
                differing.channel(), differing.lines(), 3_000, 0, 0, 0, 0, null, 3_000));
        kizuna.publisher().publish(order("K-4", "C-4", now.minusSeconds(100)));

        String first = outcome(kizuna);
        assertThat(first).startsWith("compared 4 orders of the last 72 h: 3 DIFFER")
                .contains("order H-2: in the host (PLACED), not in Kizuna")
                .contains("order H-3: total host 3000, Kizuna 3500")
                .contains("order K-4: in Kizuna, not in the host");
        long republished = kizuna.context().database().inTransaction(tx ->
                tx.sql().number("SELECT count(*) FROM order_summary WHERE order_ref = 'H-2'"));
        assertThat(republished).isEqualTo(1);

        orders.placed.put("K-4", order("K-4", "C-4", now.minusSeconds(100)));
        orders.placed.put("H-3", differing);
        assertThat(outcome(kizuna)).isEqualTo("compared 4 orders of the last 72 h: 0 differences");
    }

    @Test
    void without_an_order_listing_there_is_nothing_to_compare(KizunaRuntime kizuna) {
        assertThat(outcome(kizuna)).isEqualTo("the host lists no orders: nothing to compare");
    }

    @Test
    void a_rejected_event_is_listed_with_its_reason(KizunaRuntime kizuna, ApiClient api) {
        kizuna.publisher().publish(order("R-1", "C-1", Instant.now()));
        kizuna.publisher().publish(new OrderReturned("ret-1", Instant.now(), "R-1",
                List.of(new OrderReturned.ReturnedLine("TEA", 5))));
        JsonNode listed = api.call(new ApiClient.Token(), "GET", "/events?status=REJECTED", null).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("eventId").asText()).isEqualTo("ret-1");
        assertThat(listed.get(0).path("lastError").asText()).contains("exceeds the 2 still kept in order R-1");
    }
}
