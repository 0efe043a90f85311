package dev.kizuna.core.web;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.ApiClient.Token;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What every route refuses before it runs, over HTTP: control characters, nulls in lists, absurd numbers and dates. */
@KizunaTest
class HostileInputTest {
    private final KizunaRuntime kizuna;
    private final ApiClient api;

    HostileInputTest(KizunaRuntime kizuna, ApiClient api) {
        this.kizuna = kizuna;
        this.api = api;
    }

    static void refused(Reply r, String field, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(r.json().get("field").asText()).isEqualTo(field);
        assertThat(r.json().get("code").asText()).isEqualTo(code);
    }

    @Test
    void the_dev_clock_refuses_the_year_294277_and_stays_where_it_was() {
        Instant before = kizuna.context().clock().instant();
        refused(api.call(new Token(), "PUT", "/dev/clock", "{\"now\":\"+294277-01-01T00:00:00Z\"}"), "now",
                "year-out-of-range");
        refused(api.call(new Token(), "PUT", "/dev/clock", "{\"now\":\"1200-01-01T00:00:00Z\"}"), "now",
                "year-out-of-range");
        assertThat(kizuna.context().clock().instant()).isBetween(before, Instant.now().plusSeconds(60));
        Reply moved = api.call(new Token(), "PUT", "/dev/clock", "{\"now\":\"2030-01-01T00:00:00Z\"}");
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(kizuna.context().clock().instant()).isAfter(Instant.parse("2030-01-01T00:00:00Z"));
        kizuna.context().clock().set(Instant.now());
    }

    @Test
    void nul_and_control_characters_are_refused_naming_the_field_in_bodies_queries_and_paths() {
        refused(api.call(new Token(), "PUT", "/dev/clock", "{\"now\":\"2030-01-01T00:00:00Z\\u0000\"}"), "now",
                "control-character");
        refused(api.call(new Token(), "PUT", "/dev/clock", "{\"now\":\"2030-01-01T00:00:00Z\",\"x\":[{\"y\":\"\\u001b[31m\"}]}"),
                "x[0].y", "control-character");
        refused(api.call(new Token(), "GET", "/events?status=DONE%00", null), "status", "control-character");
        // Jetty refuses an encoded NUL in a path itself; other control characters reach the route and are refused there
        assertThat(api.call(new Token(), "GET", "/jobs/a%00b", null).status()).isEqualTo(400);
        Reply path = api.call(new Token(), "GET", "/jobs/a%01b", null);
        if (path.headers().getOrDefault("content-type", "").startsWith("application/problem+json")) {
            refused(path, "name", "control-character");
        } else {
            assertThat(path.status()).isEqualTo(400);
        }
        Reply r = api.call(new Token(), "PUT", "/dev/clock", "{\"now\":\"2030-01-01T00:00:00Z\",\"x\":[null]}");
        refused(r, "x[0]", "required");
        kizuna.context().clock().set(Instant.now());
    }

    @Test
    void deep_nesting_and_numbers_beyond_a_long_are_refused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Reply r = api.call(new Token(), "PUT", "/dev/clock", "{\"now\":" + deep + "}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("json-too-deep");
        refused(api.call(new Token(), "PUT", "/dev/clock", "{\"now\":\"2030-01-01T00:00:00Z\",\"n\":[1,99999999999999999999]}"),
                "n[1]", "number-out-of-range");
    }

    @Test
    void the_dev_token_is_not_honoured_through_a_proxy() throws Exception {
        Reply direct = api.call(new Token(), "GET", "/jobs", null);
        assertThat(direct.status()).isEqualTo(200);
        HttpResponse<String> proxied = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api.baseUrl() + "/api/jobs"))
                .header("Authorization", "Bearer " + dev.kizuna.core.testing.TestKizuna.ADMIN_TOKEN)
                .header("X-Forwarded-For", "203.0.113.200").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.statusCode()).isEqualTo(401);
    }
}
