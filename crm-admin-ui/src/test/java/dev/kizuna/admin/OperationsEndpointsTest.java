package dev.kizuna.admin;

import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-servlet install's scrape endpoint and health, as a Prometheus server and a load balancer call them. */
class OperationsEndpointsTest {
    static final Map<String, String> SCRAPER = Map.of("Authorization", "Bearer scrape-secret");
    static ConsoleServer server;

    @BeforeAll
    static void start() {
        server = ConsoleServer.start(new FakeHost(), Map.of("kizuna.metrics.token", "scrape-secret"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_scrape_shows_applied_events_and_failed_sign_ins_to_the_scrape_token_only() {
        server.runtime.publisher().publish(new CustomerRegistered("ops-reg-1", Instant.now(), "OPS-1",
                "ops@example.jp", "Oto", null, "ja", Map.of()));
        server.client("203.0.113.50").login(ConsoleServer.ADMIN, "not-the-password");

        WebClient.Response scrape = server.client().get("/crm/metrics", SCRAPER);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("content-type").orElseThrow()).startsWith("text/plain");
        assertThat(scrape.body())
                .contains("kizuna_events_applied_total{type=\"CustomerRegistered\"} 1.0")
                .contains("kizuna_console_login_failures_total{reason=\"wrong-password\"} 1.0");

        assertThat(server.client().get("/crm/metrics").status()).isEqualTo(401);
        assertThat(server.client().get("/crm/metrics", Map.of("Authorization", "Bearer guess")).status()).isEqualTo(401);
        assertThat(server.client().get("/crm/metrics", Map.of("Authorization", "Bearer " + TestKizuna.ADMIN_TOKEN))
                .status()).isEqualTo(200);
    }

    @Test
    void health_is_up_for_anyone_and_names_its_checks_to_the_operator() {
        WebClient.Response open = server.client().get("/crm/health");
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.body()).isEqualTo("{\"status\":\"UP\"}");

        WebClient.Response detailed = server.client().get("/crm/health", SCRAPER);
        assertThat(detailed.status()).isEqualTo(200);
        assertThat(detailed.body()).contains("\"name\":\"database\",\"up\":true").contains("\"name\":\"host-outbox\"");
    }
}
