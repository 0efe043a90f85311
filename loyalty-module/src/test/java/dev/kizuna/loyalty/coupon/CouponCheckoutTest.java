package dev.kizuna.loyalty.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.spi.Cart;
import dev.kizuna.core.spi.CouponCheckout;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Console;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.ApiClient.Shopper;
import dev.kizuna.core.testing.ApiClient.Token;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.core.web.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Campaigns through the admin API and codes through the host's checkout calls, on a real database. */
class CouponCheckoutTest {
    static KizunaRuntime kizuna;
    static ApiClient api;
    static CouponCheckout checkout;

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.jdbc.pool-size", "20",
                "kizuna.coupons.max-failed-attempts", "5", "kizuna.coupons.max-failed-attempts-per-address", "8"));
        api = new ApiClient(kizuna);
        checkout = kizuna.context().ports().require(CouponCheckout.class);
        kizuna.context().clock().set(tokyo(2026, 4, 10, 12, 0));
    }

    @AfterAll
    static void close() {
        api.close();
        kizuna.close();
    }

    static Instant tokyo(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, FakeHost.TOKYO).toInstant();
    }

    static Cart cart(long... amounts) {
        List<Cart.CartLine> lines = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            lines.add(new Cart.CartLine("SKU-" + i, i == 0 ? "tea" : "sweets", 1, amounts[i]));
        }
        return new Cart("JPY", lines, 500);
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace("0", "A").replace("1", "B");
    }

    /** Creates a live campaign from {@code extra} JSON fields and returns its id. */
    long campaign(String code, String discount, String extra) throws Exception {
        String body = """
                {"name":{"ja":"春のセール","en":"Spring sale"},"discount":%s,"currency":"JPY",%s
                 "validFrom":"2026-04-01T00:00:00+09:00","validTo":"2026-05-01T00:00:00+09:00"%s}"""
                .formatted(discount, code == null ? "" : "\"code\":\"" + code + "\",", extra.isEmpty() ? "" : "," + extra);
        Reply r = api.call(new Token(), "POST", "/campaigns", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static String reason(Runnable call) {
        try {
            call.run();
        } catch (Conflict c) {
            return c.code();
        }
        throw new AssertionError("expected a refusal");
    }

    long number(String sql, Object... params) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number(sql, params));
    }

    /** Reserves one use of {@code code} per customer from 16 threads at once; what each got (OK or the refusal). */
    List<String> sixteenAtOnce(String code, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int n = i;
            outcomes.add(pool.submit(() -> {
                gate.await();
                try {
                    checkout.reserve("C-" + prefix + "-" + n, "O-" + prefix + "-" + n, code, cart(3_000), null);
                    // paid: the use stays counted after the reservation's hold would have lapsed
                    checkout.commit("O-" + prefix + "-" + n);
                    return "OK";
                } catch (Conflict c) {
                    return c.code();
                }
            }));
        }
        gate.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get());
        }
        pool.shutdown();
        return results;
    }

    @Test
    void a_daily_cap_stops_exactly_under_16_concurrent_checkouts_each_day_and_the_spend_report_counts_uses_and_yen() throws Exception {
        kizuna.context().clock().set(tokyo(2026, 4, 20, 12, 0));
        String code = unique("DAILY");
        long id = campaign(code, "{\"type\":\"FIXED\",\"value\":150}", "");
        assertThat(api.call(new Token(), "PUT", "/campaigns/" + id + "/budget", "{\"unit\":\"YEN\",\"perDay\":1000}")
                .status()).isEqualTo(200);

        List<String> first = sixteenAtOnce(code, "daily-a");
        // ¥150 a use against ¥1,000 a day: six uses (¥900); a seventh would pass the cap and is refused whole
        assertThat(first).filteredOn("OK"::equals).hasSize(6);
        assertThat(first).filteredOn(Refusals.BUDGET_SPENT::equals).hasSize(10);

        kizuna.context().clock().set(tokyo(2026, 4, 21, 9, 0));
        List<String> second = sixteenAtOnce(code, "daily-b");
        assertThat(second).filteredOn("OK"::equals).as("a new shop day, a new cap").hasSize(6);

        Reply spend = api.call(new Token(), "GET", "/campaigns/" + id + "/spend?days=3", null);
        assertThat(spend.status()).as(spend.text()).isEqualTo(200);
        assertThat(spend.json().at("/total/uses").asLong()).isEqualTo(12);
        assertThat(spend.json().at("/total/discount").asLong()).isEqualTo(1_800);
        assertThat(spend.json().at("/today/uses").asLong()).isEqualTo(6);
        assertThat(spend.json().at("/today/discount").asLong()).isEqualTo(900);
        assertThat(spend.json().at("/budget/spentToday").asLong()).isEqualTo(900);
        assertThat(spend.json().at("/budget/left").asLong()).isEqualTo(100);
        JsonNode days = spend.json().at("/days");
        assertThat(days.size()).isEqualTo(3);
        assertThat(days.get(0).at("/day").asText()).isEqualTo("2026-04-21");
        assertThat(days.get(1).at("/day").asText()).isEqualTo("2026-04-20");
        assertThat(days.get(1).at("/uses").asLong()).isEqualTo(6);
        assertThat(days.get(2).at("/uses").asLong()).as("a day without uses shows zero").isZero();
        kizuna.context().clock().set(tokyo(2026, 4, 10, 12, 0));
    }

    @Test
    void a_yen_budget_lets_exactly_what_it_holds_through_16_concurrent_checkouts_and_a_release_gives_room_back() throws Exception {
        String code = unique("BUDGET");
        long id = campaign(code, "{\"type\":\"FIXED\",\"value\":100}", "");
        Reply refused = api.call(new Token(), "PUT", "/campaigns/" + id + "/budget", "{\"unit\":\"YEN\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/field").asText()).isEqualTo("total");
        assertThat(api.call(new Token(), "PUT", "/campaigns/" + id + "/budget", "{\"unit\":\"YEN\",\"total\":1000}")
                .status()).isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int n = i;
            outcomes.add(pool.submit(() -> {
                gate.await();
                try {
                    checkout.reserve("C-budget-" + n, "O-budget-" + n, code, cart(3_000), null);
                    return "OK";
                } catch (Conflict c) {
                    return c.code();
                }
            }));
        }
        gate.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get());
        }
        pool.shutdown();
        assertThat(results).filteredOn("OK"::equals).hasSize(10);
        assertThat(results).filteredOn(Refusals.BUDGET_SPENT::equals).hasSize(6);
        Reply spend = api.call(new Token(), "GET", "/campaigns/" + id + "/budget", null);
        assertThat(spend.json().at("/spent").asLong()).isEqualTo(1000);
        assertThat(spend.json().at("/left").asLong()).isZero();

        String first = results.indexOf("OK") >= 0 ? "O-budget-" + results.indexOf("OK") : null;
        checkout.release(first);
        assertThat(checkout.reserve("C-budget-late", "O-budget-late", code, cart(3_000), null).discount()).isEqualTo(100);
    }

    @Test
    void the_issue_example_creates_a_campaign_that_discounts_qualifying_orders_and_refuses_others_with_the_reason() throws Exception {
        String code = unique("SPRING");
        Reply created = api.call(new Console(Role.MARKETER), "POST", "/campaigns", """
                {"name":{"ja":"春のセール","en":"Spring sale"},"discount":{"type":"PERCENT","value":10},"minimumOrder":3000,
                 "currency":"JPY","code":"%s","validFrom":"2026-04-01T00:00:00+09:00","validTo":"2026-04-30T23:59:59+09:00",
                 "perCustomerLimit":1}""".formatted(code.toLowerCase()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("code").asText()).isEqualTo(code);
        assertThat(created.json().get("status").asText()).isEqualTo("LIVE");
        assertThat(created.json().get("version").asInt()).isEqualTo(1);
        assertThat(created.json().at("/discount/type").asText()).isEqualTo("PERCENT");
        long id = created.json().get("id").asLong();
        assertThat(number("SELECT count(*) FROM audit_log WHERE action = 'campaign.create' AND subject = ?", "campaign:" + id))
                .isEqualTo(1);

        CouponCheckout.Quote q = checkout.quote("C-spring", code.toLowerCase(), cart(2500, 1000), "203.0.113.1");
        assertThat(q.discount()).isEqualTo(350);
        assertThat(q.campaignId()).isEqualTo(id);
        assertThat(reason(() -> checkout.quote("C-spring", code, cart(2500), "203.0.113.1"))).isEqualTo("MINIMUM_NOT_MET");

        checkout.reserve("C-spring", "O-spring-1", code, cart(2500, 1000), "203.0.113.1");
        checkout.commit("O-spring-1");
        assertThat(reason(() -> checkout.quote("C-spring", code, cart(5000), "203.0.113.1"))).isEqualTo("ALREADY_USED");
        assertThat(checkout.quote("C-other", code, cart(5000), "203.0.113.1").discount()).isEqualTo(500);

        JsonNode stats = api.call(new Console(Role.SUPPORT), "GET", "/campaigns/" + id, null).json().get("statistics");
        assertThat(stats.get("redeemed").asLong()).isEqualTo(1);
        assertThat(stats.get("discountGiven").asLong()).isEqualTo(350);
        assertThat(stats.get("revenue").asLong()).isEqualTo(3500);

        // cancelling the order gives the use back
        checkout.release("O-spring-1");
        assertThat(checkout.quote("C-spring", code, cart(5000), "203.0.113.1").discount()).isEqualTo(500);
    }

    @Test
    void each_reason_is_precise() throws Exception {
        String early = unique("EARLY");
        long earlyId = campaign(early, "{\"type\":\"FIXED\",\"value\":500}", "\"validFrom\":\"2026-06-01\",\"validTo\":\"2026-06-30\"");
        assertThat(api.call(new Token(), "GET", "/campaigns/" + earlyId, null).json().get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(reason(() -> checkout.quote("C-r", early, cart(5000), null))).isEqualTo("COUPON_NOT_STARTED");

        String old = unique("OLD");
        campaign(old, "{\"type\":\"FIXED\",\"value\":500}", "\"validFrom\":\"2026-03-01\",\"validTo\":\"2026-03-31\"");
        assertThat(reason(() -> checkout.quote("C-r", old, cart(5000), null))).isEqualTo("COUPON_EXPIRED");

        String tea = unique("TEA");
        campaign(tea, "{\"type\":\"PERCENT\",\"value\":20,\"cap\":300}", "\"categories\":[\"tea\"]");
        assertThat(checkout.quote("C-r", tea, cart(2000, 9000), null).discount()).isEqualTo(300);
        assertThat(reason(() -> checkout.quote("C-r", tea, new Cart("JPY", List.of(new Cart.CartLine("X", "sweets", 1, 9000)), 0), null)))
                .isEqualTo("NOT_ELIGIBLE");

        String gold = unique("GOLD");
        campaign(gold, "{\"type\":\"FREE_SHIPPING\"}", "\"eligibility\":{\"type\":\"RANKS\",\"ranks\":[\"GOLD\"]}");
        assertThat(reason(() -> checkout.quote("C-r", gold, cart(5000), null))).isEqualTo("NOT_ELIGIBLE");

        String first = unique("FIRST");
        campaign(first, "{\"type\":\"BONUS_POINTS\",\"value\":200}", "\"eligibility\":{\"type\":\"FIRST_ORDER\"}");
        CouponCheckout.Quote q = checkout.reserve("C-first", "O-first-1", first, cart(5000), null);
        assertThat(q.bonusPoints()).isEqualTo(200);
        checkout.commit("O-first-1");
        assertThat(reason(() -> checkout.quote("C-first", first, cart(5000), null))).isEqualTo("NOT_ELIGIBLE");

        String paused = unique("PAUSE");
        long pausedId = campaign(paused, "{\"type\":\"FIXED\",\"value\":100}", "");
        assertThat(api.call(new Token(), "POST", "/campaigns/" + pausedId + "/status", "{\"status\":\"PAUSED\"}").status()).isEqualTo(200);
        assertThat(reason(() -> checkout.quote("C-r", paused, cart(5000), null))).isEqualTo("COUPON_PAUSED");
        assertThat(api.call(new Token(), "POST", "/campaigns/" + pausedId + "/status", "{\"status\":\"LIVE\"}").status()).isEqualTo(200);
        assertThat(checkout.quote("C-r", paused, cart(5000), null).discount()).isEqualTo(100);

        assertThat(reason(() -> checkout.quote("C-r", "NO-SUCH-CODE", cart(5000), null))).isEqualTo("UNKNOWN_CODE");
    }

    @Test
    void a_code_reserved_for_an_order_the_host_placed_stays_spent_when_the_hosts_commit_call_never_came() throws Exception {
        long id = campaign(null, "{\"type\":\"FIXED\",\"value\":500}", "");
        api.call(new Token(), "POST", "/campaigns/" + id + "/codes", "{\"count\":1}");
        String code = kizuna.context().database().inTransaction(tx ->
                tx.sql().one("SELECT code FROM coupon_code WHERE campaign_id = ?", rs -> rs.getString(1), id).orElseThrow());
        checkout.reserve("C-lapse-1", "O-lapse-1", code, cart(3000), null);
        // the host committed its order and stopped before calling commit; the order's event still arrives
        Instant now = kizuna.context().clock().instant();
        kizuna.publisher().publish(new OrderSubmitted("order-submitted-O-lapse-1", now, "O-lapse-1", "C-lapse-1", "JPY",
                OrderSubmitted.Channel.WEB, List.of(new OrderSubmitted.OrderLine("SKU-0", "tea", 1, 3000, 500)),
                2500, 500, 500, 0, 0, code, 3000));
        try {
            kizuna.context().clock().set(now.plus(Duration.ofHours(2))); // long past the 30-minute reservation
            assertThat(reason(() -> checkout.reserve("C-lapse-2", "O-lapse-2", code, cart(3000), null)))
                    .isEqualTo("ALREADY_USED");
        } finally {
            kizuna.context().clock().set(now);
        }
    }

    @Test
    void a_single_use_code_works_once_and_a_typo_in_it_is_caught_before_any_lookup() throws Exception {
        long id = campaign(null, "{\"type\":\"FIXED\",\"value\":1000}", "");
        Reply generated = api.call(new Token(), "POST", "/campaigns/" + id + "/codes", "{\"count\":3}");
        assertThat(generated.status()).as(generated.text()).isEqualTo(201);
        assertThat(generated.json().get("generated").asInt()).isEqualTo(3);
        Reply csv = api.call(new Console(Role.ADMIN), "GET", "/campaigns/" + id + "/codes.csv", null);
        assertThat(csv.headers().get("content-disposition")).contains("codes.csv");
        String[] rows = csv.text().split("\r\n");
        assertThat(rows).hasSize(4);
        String code = rows[1].split(",")[0];
        assertThat(CouponCodes.isWellFormed(code)).isTrue();
        assertThat(rows[1]).as("the campaign's window, in shop time")
                .endsWith(",,2026-04-01T00:00+09:00,2026-05-01T00:00+09:00,UNUSED");

        assertThat(checkout.reserve("C-single-1", "O-single-1", code, cart(3000), null).discount()).isEqualTo(1000);
        checkout.commit("O-single-1");
        assertThat(reason(() -> checkout.reserve("C-single-2", "O-single-2", code, cart(3000), null))).isEqualTo("ALREADY_USED");
        assertThat(api.call(new Token(), "GET", "/campaigns/" + id + "/codes.csv", null).text()).contains(code + ",,").contains("USED");

        String canonical = CouponCodes.canonical(code);
        char wrong = canonical.charAt(3) == 'A' ? 'B' : 'A';
        String typo = canonical.substring(0, 3) + wrong + canonical.substring(4);
        assertThat(reason(() -> checkout.quote("C-single-2", typo, cart(3000), null))).isEqualTo("INVALID_CODE");
    }

    @Test
    void assigned_codes_belong_to_their_customer_and_show_among_their_coupons() throws Exception {
        long id = campaign(null, "{\"type\":\"FIXED\",\"value\":700}", "\"minimumOrder\":2000");
        Reply r = api.call(new Token(), "POST", "/campaigns/" + id + "/codes", "{\"assignTo\":[\"C-vip\"]}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        String code = r.json().at("/assigned/0/code").asText();
        assertThat(reason(() -> checkout.quote("C-stranger", code, cart(5000), null))).isEqualTo("NOT_ELIGIBLE");

        Reply mine = api.call(new Shopper("C-vip", "203.0.113.9", "ja"), "GET", "/me/coupons", null);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get(0).get("code").asText()).isEqualTo(code);
        assertThat(mine.json().get(0).get("name").asText()).isEqualTo("春のセール");
        assertThat(mine.json().get(0).get("state").asText()).isEqualTo("USABLE");
        assertThat(api.call(new Shopper("C-vip"), "GET", "/me/coupons", null).json().get(0).get("name").asText())
                .isEqualTo("Spring sale");
        assertThat(api.call(new Token(), "GET", "/customers/C-vip/coupons", null).json()).hasSize(1);

        checkout.reserve("C-vip", "O-vip-1", code, cart(5000), null);
        checkout.commit("O-vip-1");
        assertThat(api.call(new Shopper("C-vip"), "GET", "/me/coupons", null).json().get(0).get("state").asText())
                .isEqualTo("USED");
    }

    @Test
    void a_change_to_a_live_campaign_is_a_new_version_and_a_quoted_order_keeps_its_terms() throws Exception {
        String code = unique("VERS");
        long id = campaign(code, "{\"type\":\"PERCENT\",\"value\":10}", "");
        CouponCheckout.Quote quoted = checkout.quote("C-quoted", code, cart(10000), null);
        assertThat(quoted.discount()).isEqualTo(1000);

        Reply changed = api.call(new Token(), "PUT", "/campaigns/" + id, """
                {"name":{"ja":"春のセール","en":"Spring sale"},"discount":{"type":"PERCENT","value":5},"code":"%s",
                 "validFrom":"2026-04-01","validTo":"2026-04-30"}""".formatted(code));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().get("version").asInt()).isEqualTo(2);
        assertThat(number("SELECT count(*) FROM audit_log WHERE action = 'campaign.update' AND subject = ?", "campaign:" + id)).isEqualTo(1);

        CouponCheckout.Quote kept = checkout.reserve("C-quoted", "O-quoted", code, cart(10000), null);
        assertThat(kept.campaignVersion()).isEqualTo(1);
        assertThat(kept.discount()).isEqualTo(1000);
        checkout.commit("O-quoted");
        CouponCheckout.Quote fresh = checkout.reserve("C-fresh", "O-fresh", code, cart(10000), null);
        assertThat(fresh.campaignVersion()).isEqualTo(2);
        assertThat(fresh.discount()).isEqualTo(500);
        assertThat(number("SELECT campaign_version FROM coupon_redemption WHERE order_ref = 'O-quoted'")).isEqualTo(1);
    }

    /** Runs {@code threads} tasks released at once; their answers in order. */
    static <T> List<T> race(int threads, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> c = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    String attempt(String customer, String order, String code) {
        try {
            checkout.reserve(customer, order, code, cart(5000), null);
            return "OK";
        } catch (Conflict c) {
            return c.code();
        }
    }

    @Test
    void limits_hold_under_16_concurrent_redemptions() throws Exception {
        String total = unique("LIMIT");
        long totalId = campaign(total, "{\"type\":\"FIXED\",\"value\":100}", "\"totalLimit\":5");
        List<String> a = race(16, i -> () -> attempt("C-race-" + i, "O-race-" + total + i, total));
        assertThat(a.stream().filter("OK"::equals).count()).isEqualTo(5);
        assertThat(a.stream().filter("LIMIT_REACHED"::equals).count()).isEqualTo(11);
        assertThat(number("SELECT count(*) FROM coupon_redemption WHERE campaign_id = ?", totalId)).isEqualTo(5);

        String perCustomer = unique("ONCE");
        campaign(perCustomer, "{\"type\":\"FIXED\",\"value\":100}", "\"perCustomerLimit\":1");
        // quoted at the cart first, as a checkout does: a code the shopper holds is never slowed by the guessing
        // back-off, which counts 16 lookups in flight at once like 16 guesses
        checkout.quote("C-greedy", perCustomer, cart(5000), null);
        List<String> b = race(16, i -> () -> attempt("C-greedy", "O-greedy-" + perCustomer + i, perCustomer));
        assertThat(b.stream().filter("OK"::equals).count()).isEqualTo(1);
        assertThat(b.stream().filter("ALREADY_USED"::equals).count()).isEqualTo(15);

        long id = campaign(null, "{\"type\":\"FIXED\",\"value\":100}", "");
        String code = api.call(new Token(), "POST", "/campaigns/" + id + "/codes", "{\"count\":1}").text();
        assertThat(code).contains("\"generated\":1");
        String single = kizuna.context().database().inTransaction(tx ->
                tx.sql().one("SELECT code FROM coupon_code WHERE campaign_id = ?", rs -> rs.getString(1), id).orElseThrow());
        List<String> c = race(16, i -> () -> attempt("C-single-race-" + i, "O-single-race-" + i, single));
        assertThat(c.stream().filter("OK"::equals).count()).isEqualTo(1);
        assertThat(c.stream().filter("ALREADY_USED"::equals).count()).isEqualTo(15);
    }

    @Test
    void guessing_codes_gets_429_after_the_limit_per_shopper_and_per_address() throws Exception {
        CouponCodes generator = new CouponCodes();
        String cartJson = "{\"currency\":\"JPY\",\"lines\":[{\"sku\":\"A\",\"category\":\"tea\",\"quantity\":1,\"unitPrice\":5000}],\"shipping\":0}";
        Shopper guesser = new Shopper("C-guesser", "192.0.2.10", "en");
        for (int i = 0; i < 5; i++) {
            Reply r = api.call(guesser, "POST", "/me/coupons/quote",
                    "{\"code\":\"" + generator.next() + "\",\"cart\":" + cartJson + "}");
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().get("code").asText()).isEqualTo("UNKNOWN_CODE");
        }
        Reply blocked = api.call(guesser, "POST", "/me/coupons/quote", "{\"code\":\"" + generator.next() + "\",\"cart\":" + cartJson + "}");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.headers().get("retry-after"))).isPositive();
        // even a real code is refused while blocked
        String real = unique("REAL");
        campaign(real, "{\"type\":\"FIXED\",\"value\":100}", "");
        assertThat(api.call(guesser, "POST", "/me/coupons/quote", "{\"code\":\"" + real + "\",\"cart\":" + cartJson + "}").status())
                .isEqualTo(429);
        assertThat(api.call(new Shopper("C-honest", "192.0.2.99", "en"), "POST", "/me/coupons/quote",
                "{\"code\":\"" + real + "\",\"cart\":" + cartJson + "}").json().get("discount").asLong()).isEqualTo(100);

        // many shoppers from one address: the address limit (8) stops them
        int refusedBefore429 = 0;
        Reply last = null;
        for (int i = 0; i < 10 && (last == null || last.status() != 429); i++) {
            last = api.call(new Shopper("C-bot-" + i, "192.0.2.66", "en"), "POST", "/me/coupons/quote",
                    "{\"code\":\"" + generator.next() + "\",\"cart\":" + cartJson + "}");
            if (last.status() == 409) {
                refusedBefore429++;
            }
        }
        assertThat(refusedBefore429).isEqualTo(8);
        assertThat(last.status()).isEqualTo(429);

        // once the window has passed the shopper may try again
        kizuna.context().clock().set(kizuna.context().clock().instant().plus(java.time.Duration.ofMinutes(16)));
        try {
            assertThat(api.call(guesser, "POST", "/me/coupons/quote", "{\"code\":\"" + real + "\",\"cart\":" + cartJson + "}").status())
                    .isEqualTo(200);
        } finally {
            kizuna.context().clock().set(tokyo(2026, 4, 10, 12, 0));
        }
    }

    @Test
    void bad_campaign_input_names_the_field_and_writes_nothing() throws Exception {
        long campaignsBefore = number("SELECT count(*) FROM coupon_campaign");
        long auditsBefore = number("SELECT count(*) FROM audit_log");
        Map<String, String> cases = Map.of(
                "discount.type", "{\"name\":{\"en\":\"X\"},\"discount\":{\"type\":\"HALF_OFF\",\"value\":10}}",
                "discount.value", "{\"name\":{\"en\":\"X\"},\"discount\":{\"type\":\"FIXED\",\"value\":-100}}",
                "validTo", "{\"name\":{\"en\":\"X\"},\"discount\":{\"type\":\"FIXED\",\"value\":100},"
                        + "\"validFrom\":\"2026-05-01\",\"validTo\":\"2026-04-01\"}",
                "name", "{\"discount\":{\"type\":\"FIXED\",\"value\":100}}",
                "minimumOrder", "{\"name\":{\"en\":\"X\"},\"discount\":{\"type\":\"FIXED\",\"value\":100},\"minimumOrder\":1.5}",
                "code", "{\"name\":{\"en\":\"X\"},\"code\":\"bad code!\",\"discount\":{\"type\":\"FIXED\",\"value\":100}}");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Reply r = api.call(new Token(), "POST", "/campaigns", c.getValue());
            assertThat(r.status()).as(c.getKey()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo(c.getKey());
        }
        assertThat(api.call(new Token(), "POST", "/campaigns/1/codes", "{\"count\":0}").json().get("field").asText()).isEqualTo("count");
        assertThat(api.call(new Console(Role.SUPPORT), "POST", "/campaigns", cases.get("name")).status()).isEqualTo(403);
        assertThat(number("SELECT count(*) FROM coupon_campaign")).isEqualTo(campaignsBefore);
        assertThat(number("SELECT count(*) FROM audit_log")).isEqualTo(auditsBefore);
        assertThatThrownBy(() -> checkout.quote(" ", "X", cart(1), null)).hasMessageContaining("customerId");
    }
}
