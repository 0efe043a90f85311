package dev.kizuna.demo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests an attacker (or a broken script) sends to the shop's API, each refused as 400 problem+json naming the
 * field, in the caller's language, before anything is written: the shop's tables and Kizuna's (points, coupon uses,
 * inbox, mirror) are exactly as before, and the points and the coupon can still be used afterwards.
 */
class HostileOrderRequestsTest {
    /** Tables that change on their own while the shop runs: the scheduler's and the job runs it starts. */
    private static final List<String> MOVING = List.of("qrtz_", "job_run");
    private static final AtomicInteger SHOPPERS = new AtomicInteger();
    private static final TestShop.Client ADMIN = TestShop.admin();
    private static String customer;

    @BeforeAll
    static void aCustomerWithPoints() {
        customer = newCustomer();
        TestShop.Reply given = ADMIN.post("/crm/api/customers/" + customer + "/points/adjustments",
                "{\"points\":1000,\"reason\":\"goodwill\"}");
        assertThat(given.status()).as(given.body()).isLessThan(300);
    }

    private static String newCustomer() {
        return ADMIN.customer("hostile-" + SHOPPERS.incrementAndGet() + "@example.jp");
    }

    private static String order(String customerId, String lines, String extra) {
        return "{\"customerId\":\"" + customerId + "\",\"currency\":\"JPY\",\"lines\":[" + lines + "]"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String line(String sku, String category, long quantity, long unitPrice) {
        return "{\"sku\":\"" + sku + "\",\"category\":\"" + category + "\",\"quantity\":" + quantity
                + ",\"unitPrice\":" + unitPrice + "}";
    }

    private static final String TEA = line("TEA-001", "tea", 2, 2_000);

    /** Sends {@code body} to {@code path} and asserts a 400 naming {@code field} that wrote nothing anywhere. */
    private static TestShop.Reply refusedUnchanged(String path, String body, String field) {
        TestShop shop = TestShop.get();
        Map<String, String> before = shop.fingerprint(MOVING);
        Object points = points(customer);
        TestShop.Reply r = ADMIN.post(path, body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.field()).isEqualTo(field);
        Map<String, String> after = shop.fingerprint(MOVING);
        assertThat(changed(before, after)).as("tables written by a refused request").isEmpty();
        assertThat(points(customer)).isEqualTo(points);
        return r;
    }

    private static List<String> changed(Map<String, String> before, Map<String, String> after) {
        return after.keySet().stream().filter(t -> !after.get(t).equals(before.get(t))).collect(Collectors.toList());
    }

    private static Object points(String customerId) {
        TestShop.Reply r = ADMIN.get("/crm/api/customers/" + customerId + "/points");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void a_201_character_sku_spends_no_points() {
        TestShop.Reply r = refusedUnchanged("/shop/api/orders",
                order(customer, line("S".repeat(201), "tea", 1, 5_000), "\"pointsToRedeem\":300"), "lines[0].sku");
        assertThat(r.detail()).isEqualTo("SKU: at most 64 characters");
        // the points are all still there to use
        TestShop.Reply paid = ADMIN.post("/shop/api/orders", order(customer, line("TEA-001", "tea", 3, 2_000),
                "\"pointsToRedeem\":300"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.number("pointsRedeemed")).isEqualTo(300);
    }

    @Test
    void a_201_character_sku_leaves_the_coupon_usable() {
        String shopper = newCustomer();
        refusedUnchanged("/shop/api/orders",
                order(shopper, line("S".repeat(201), "tea", 1, 5_000), "\"couponCode\":\"WELCOME10\""), "lines[0].sku");
        TestShop.Reply used = ADMIN.post("/shop/api/orders", order(shopper, line("TEA-001", "tea", 2, 2_500),
                "\"couponCode\":\"WELCOME10\""));
        assertThat(used.status()).as(used.body()).isEqualTo(201);
        assertThat(used.number("discount")).isEqualTo(500);
    }

    @Test
    void more_than_500_lines_write_no_line() {
        String lines = IntStream.range(0, 501).mapToObj(i -> line("SKU-" + i, "tea", 1, 100)).collect(Collectors.joining(","));
        TestShop.Reply r = refusedUnchanged("/shop/api/orders", order(customer, lines, "\"pointsToRedeem\":300"), "lines");
        assertThat(r.detail()).isEqualTo("lines: at most 100 lines, was 501");
    }

    @Test
    void a_64_kb_category_is_refused() {
        refusedUnchanged("/shop/api/orders", order(customer, line("TEA-001", "c".repeat(65_536), 1, 1_000), ""),
                "lines[0].category");
    }

    @Test
    void a_total_beyond_what_one_order_may_come_to_is_refused() {
        String lines = IntStream.range(0, 20).mapToObj(i -> line("BIG-" + i, "gifts", 999, 9_999_999))
                .collect(Collectors.joining(","));
        TestShop.Reply r = refusedUnchanged("/shop/api/orders", order(customer, lines, ""), "lines");
        assertThat(r.detail()).contains("100,000,000");
    }

    @Test
    void a_quantity_times_price_that_wraps_around_is_refused() {
        // 4 × 4611686018427387929 wraps to 100 in 64 bits
        refusedUnchanged("/shop/api/orders", order(customer, line("TEA-001", "tea", 4, 4_611_686_018_427_387_929L), ""),
                "lines[0].unitPrice");
    }

    @Test
    void the_largest_unit_price_of_64_bits_is_refused() {
        refusedUnchanged("/shop/api/orders", order(customer, line("TEA-001", "tea", 1, Long.MAX_VALUE), ""),
                "lines[0].unitPrice");
    }

    @Test
    void a_missing_line_is_named() {
        refusedUnchanged("/shop/api/orders", order(customer, "null", ""), "lines[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59+09:00"})
    void an_order_placed_a_billion_years_away_is_refused(String placedAt) {
        refusedUnchanged("/shop/api/orders", order(customer, TEA, "\"placedAt\":\"" + placedAt + "\""), "placedAt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\n", "\\u001b[2J", "\\u007f", "\\u0085"})
    void a_control_character_in_any_order_field_is_refused(String control) {
        String c = "TEA" + control;
        refusedUnchanged("/shop/api/orders", "{\"customerId\":\"" + customer + control + "\",\"currency\":\"JPY\",\"lines\":["
                + TEA + "]}", "customerId");
        refusedUnchanged("/shop/api/orders", "{\"customerId\":\"" + customer + "\",\"currency\":\"JP" + control
                + "\",\"lines\":[" + TEA + "]}", "currency");
        refusedUnchanged("/shop/api/orders", order(customer, line(c, "tea", 1, 1_000), ""), "lines[0].sku");
        refusedUnchanged("/shop/api/orders", order(customer, line("TEA-001", c, 1, 1_000), ""), "lines[0].category");
        refusedUnchanged("/shop/api/orders", order(customer, TEA, "\"couponCode\":\"WELCOME10" + control + "\""),
                "couponCode");
        refusedUnchanged("/shop/api/orders", order(customer, TEA, "\"placedAt\":\"2026-01-01T00:00:00Z" + control + "\""),
                "placedAt");
        refusedUnchanged("/shop/api/customers", "{\"email\":\"ctl@example.jp" + control + "\",\"name\":\"N\"}", "email");
        refusedUnchanged("/shop/api/customers", "{\"email\":\"ctl@example.jp\",\"name\":\"N" + control + "\"}", "name");
        refusedUnchanged("/shop/api/customers", "{\"email\":\"ctl@example.jp\",\"name\":\"N\",\"birthDate\":\"1990-01-01"
                + control + "\"}", "birthDate");
        refusedUnchanged("/shop/api/customers", "{\"email\":\"ctl@example.jp\",\"name\":\"N\",\"locale\":\"en" + control
                + "\"}", "locale");
        refusedUnchanged("/shop/api/dev/clock", "{\"now\":\"2030-01-01T00:00:00Z" + control + "\"}", "now");
    }

    @Test
    void a_control_character_in_a_returned_sku_is_refused() {
        String order = ADMIN.post("/shop/api/orders", order(customer, TEA, "")).text("id");
        assertThat(ADMIN.post("/shop/api/orders/" + order + "/deliver", null).status()).isEqualTo(200);
        refusedUnchanged("/shop/api/orders/" + order + "/return", "{\"lines\":[{\"sku\":\"TEA-001\\u0000\",\"quantity\":1}]}",
                "lines[0].sku");
    }

    @Test
    void an_e_mail_over_320_characters_leaves_no_customer_and_its_retry_is_refused_the_same() {
        String email = "a".repeat(64) + "@" + "d".repeat(250) + ".example";
        assertThat(email.length()).isGreaterThan(320);
        String body = "{\"email\":\"" + email + "\",\"name\":\"Long Mail\"}";
        refusedUnchanged("/shop/api/customers", body, "email");
        TestShop.Reply retry = refusedUnchanged("/shop/api/customers", body, "email");
        assertThat(retry.detail()).isEqualTo("e-mail address: at most 320 characters");
    }

    @Test
    void a_64_kb_e_mail_is_refused_in_under_50_ms() {
        String body = "{\"email\":\"a@" + ".".repeat(65_536) + " \",\"name\":\"Dots\"}";
        refusedUnchanged("/shop/api/customers", body, "email");
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            TestShop.Reply r = ADMIN.post("/shop/api/customers", body);
            fastest = Math.min(fastest, System.nanoTime() - start);
            assertThat(r.status()).isEqualTo(400);
        }
        assertThat(fastest / 1_000_000).as("milliseconds for the fastest of five").isLessThan(50);
    }

    @Test
    void the_refusal_is_told_in_the_callers_language() {
        TestShop.Reply r = TestShop.admin().lang("ja").post("/shop/api/orders",
                order(customer, line("TEA-001", "tea", 1, Long.MAX_VALUE), ""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).isEqualTo("単価：0 以上 10,000,000 以下にしてください");
        TestShop.Reply nul = TestShop.admin().lang("ja").post("/shop/api/orders",
                order(customer, line("TEA\\u0000", "tea", 1, 1), ""));
        assertThat(nul.detail()).isEqualTo("SKU：制御文字を含めることはできません（4 文字目）");
    }

    @Test
    void the_dev_clock_stays_within_sane_years() {
        refusedUnchanged("/shop/api/dev/clock", "{\"now\":\"+294277-01-01T00:00:00Z\"}", "now");
    }

    @Test
    void the_shop_pages_forms_refuse_the_same_input_without_an_error_page_or_a_write() {
        TestShop shop = TestShop.get();
        Map<String, String> before = shop.fingerprint(MOVING);
        TestShop.Client browser = TestShop.nobody();
        String token = browser.formToken();
        TestShop.Reply signIn = browser.postForm("/shop/signin", "_token=" + token + "&email=hanako%40example.jp%00");
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.body()).contains("no customer with that e-mail");
        TestShop.Reply register = browser.postForm("/shop/register", "_token=" + token + "&name=Long&email="
                + "a".repeat(64) + "%40" + "d".repeat(260) + ".jp");
        assertThat(register.status()).isEqualTo(200);
        assertThat(register.body()).contains("at most 320 characters");
        TestShop.Reply nameWithNul = browser.postForm("/shop/register", "_token=" + token + "&name=N%00&email=nul%40example.jp");
        assertThat(nameWithNul.body()).contains("must not contain control characters");
        assertThat(browser.get("/?q=tea%00").status()).isEqualTo(400);
        assertThat(browser.get("/?q=" + "t".repeat(5_000)).status()).isEqualTo(400);
        assertThat(changed(before, shop.fingerprint(MOVING))).isEmpty();
    }
}
