package dev.kizuna.spring.sample;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.json.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample Spring Boot shop with the starter: its checkout pays with points and a coupon in its own transaction,
 * Kizuna applies the events, the shop's admins reach the console through the shop's login, Kizuna's meters are in
 * the shop's registry and its health in the shop's Actuator, UP, and DOWN once the database is stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleShopTest {
    static final String SHOPPER = "C-100";
    static final String ADMIN = "shop-admin";

    static EmbeddedPostgres postgres;
    static ConfigurableApplicationContext shop;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", "0");
        p.put("spring.main.banner-mode", "off");
        p.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.hikari.maximum-pool-size", "12");
        p.put("spring.datasource.hikari.connection-timeout", "2000");
        p.put("management.endpoints.web.exposure.include", "health");
        p.put("management.endpoint.health.show-details", "always");
        p.put("kizuna.crypto.keys", "k1:" + Base64.getEncoder().encodeToString(new byte[32]));
        p.put("kizuna.crypto.index-key", "i1:" + Base64.getEncoder().encodeToString(
                "sample-shop-blind-index-key-32-bytes!".getBytes(StandardCharsets.UTF_8)));
        p.put("kizuna.crypto.token-key", Base64.getEncoder().encodeToString(
                "sample-shop-signing-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8)));
        p.put("kizuna.points.registration-bonus", "500");
        p.put("kizuna.health.timeout", "PT3S");
        shop = new SpringApplicationBuilder(SampleShop.class).properties(p).run();
        base = "http://127.0.0.1:" + shop.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() throws Exception {
        if (shop != null) {
            shop.close();
        }
        postgres.close();
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + ShopSecurity.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> call(HttpClient client, String user, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            b.header("Authorization", basic(user));
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> call(String user, String method, String path, String json) throws Exception {
        return call(http, user, method, path, json);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static double counted(String name, String tag, String value) {
        Counter c = shop.getBean(MeterRegistry.class).find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    /** The shop's admin signed in through the shop's form login, with the console session's CSRF token. */
    static HttpClient admin;
    static String csrf;

    static HttpResponse<String> asAdmin(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("X-CSRF-Token", csrf)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return admin.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> page(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String hiddenCsrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    @Test
    @Order(1)
    void the_shops_admins_reach_the_console_through_the_shops_login_and_shoppers_do_not() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> anonymous = page(browser, "/crm/admin/");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        String form = "username=" + ADMIN + "&password=" + URLEncoder.encode(ShopSecurity.PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(hiddenCsrf(page(browser, "/login").body()), StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);

        HttpResponse<String> console = page(browser, "/crm/admin/");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains(ADMIN);
        admin = browser;
        csrf = hiddenCsrf(console.body());

        assertThat(call(SHOPPER, "GET", "/crm/admin/", null).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void a_checkout_pays_with_points_and_a_coupon_and_kizuna_applies_its_events() throws Exception {
        shop.getBean(Checkout.class).register(SHOPPER, "hana@example.jp", "Hana");
        assertThat(json(call(SHOPPER, "GET", "/crm/api/me/points", null)).get("available").asLong()).isEqualTo(500);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(9));
        HttpResponse<String> campaign = asAdmin("POST", "/crm/api/campaigns", """
                {"name":{"ja":"開店セール","en":"Opening sale"},"discount":{"type":"PERCENT","value":10},"currency":"JPY",
                 "code":"OPENING2026","validFrom":"%s","validTo":"%s"}""".formatted(now.minusDays(1), now.plusDays(30)));
        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
        String code = json(campaign).get("code").asText();

        HttpResponse<String> placed = call(SHOPPER, "POST",
                "/shop/checkout?sku=TEA-1&quantity=2&unitPrice=1500&points=200&coupon=" + code, null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        assertThat(placed.body()).contains("merchandise=3000 discount=300 points=200 total=2500");

        JsonNode points = json(call(SHOPPER, "GET", "/crm/api/me/points", null));
        assertThat(points.get("available").asLong()).isEqualTo(300);
        assertThat(points.get("pending").asLong()).isPositive();
        JsonNode statistics = json(asAdmin("GET", "/crm/api/campaigns/" + json(campaign).get("id").asLong(), null))
                .get("statistics");
        assertThat(statistics.get("redeemed").asLong()).isEqualTo(1);
        assertThat(counted("kizuna.events.applied", "type", "OrderSubmitted")).isEqualTo(1);
        assertThat(counted("kizuna.events.applied", "type", "CustomerRegistered")).isEqualTo(1);
        assertThat(counted("kizuna.points.ledger.entries", "kind", "EARN")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void jobs_run_on_the_shops_database() throws Exception {
        HttpResponse<String> run = asAdmin("POST", "/crm/api/jobs/points-verification/run?wait=true&timeoutSeconds=60", null);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(json(run).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(shop.getBean(MeterRegistry.class).find("kizuna.jobs.runs")
                .tags("job", "points-verification", "outcome", "succeeded").timer().count()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void health_is_up_in_the_actuator_and_down_naming_the_database_once_it_is_stopped() throws Exception {
        HttpResponse<String> up = call(null, "GET", "/actuator/health", null);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        JsonNode kizuna = json(up).at("/components/kizuna");
        assertThat(kizuna.get("status").asText()).isEqualTo("UP");
        assertThat(kizuna.at("/details/database").asText()).isEqualTo("UP");

        postgres.close();
        HttpResponse<String> down = call(null, "GET", "/actuator/health", null);
        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode stopped = json(down).at("/components/kizuna");
        assertThat(stopped.get("status").asText()).isEqualTo("DOWN");
        assertThat(stopped.at("/details/database").asText()).startsWith("DOWN: ");
    }
}
