package dev.kizuna.core.metrics;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.testing.KizunaTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@KizunaTest(perMethod = true)
class KizunaMetricsTest {

    private static double count(MeterRegistry registry, String name, String type) {
        var c = registry.find(name).tag("type", type).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void applied_parked_and_repeated_events_move_their_counters_by_type(KizunaRuntime kizuna) {
        MeterRegistry registry = kizuna.metrics().registry();
        kizuna.publisher().publishAll(List.of(
                new CustomerRegistered("m-reg-1", Instant.now(), "M-1", "m1@example.jp", "Mei", null, "ja", Map.of()),
                new CustomerRegistered("m-reg-2", Instant.now(), "M-2", "m2@example.jp", "Mio", null, "ja", Map.of()),
                // a cancel of an order Kizuna has not seen waits for it
                new OrderCancelled("m-cancel-1", Instant.now(), "O-404")));
        kizuna.publisher().publish(
                new CustomerRegistered("m-reg-1", Instant.now(), "M-1", "m1@example.jp", "Mei", null, "ja", Map.of()));

        assertThat(count(registry, "kizuna.events.received", "CustomerRegistered")).isEqualTo(3);
        assertThat(count(registry, "kizuna.events.applied", "CustomerRegistered")).isEqualTo(2);
        assertThat(count(registry, "kizuna.events.duplicate", "CustomerRegistered")).isEqualTo(1);
        assertThat(count(registry, "kizuna.events.parked", "OrderCancelled")).isEqualTo(1);
        assertThat(count(registry, "kizuna.events.applied", "OrderCancelled")).isZero();
        assertThat(registry.find("kizuna.events.intake").timer().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void the_prometheus_scrape_shows_the_events_and_the_host_outbox_backlog(KizunaRuntime kizuna) throws Exception {
        kizuna.publisher().publish(
                new CustomerRegistered("s-reg-1", Instant.now(), "S-1", "s1@example.jp", "Sara", null, "ja", Map.of()));
        try (var c = kizuna.context().database().dataSource().getConnection()) {
            kizuna.hostOutbox().append(c, List.of(new OrderCancelled("s-cancel-1", Instant.now(), "O-1")));
            kizuna.hostOutbox().append(c, List.of(new OrderCancelled("s-cancel-2", Instant.now(), "O-2")));
            c.commit();
        }
        kizuna.metrics().refresh();

        String scrape = kizuna.metrics().scrape().orElseThrow();
        assertThat(scrape).contains("kizuna_events_applied_total{type=\"CustomerRegistered\"} 1.0");
        assertThat(scrape).contains("kizuna_host_outbox_backlog 2.0");
        assertThat(scrape).contains("kizuna_jobs_progress{job=\"event-retry\"}");
    }
}
