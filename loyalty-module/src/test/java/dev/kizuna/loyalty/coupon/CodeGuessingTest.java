package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.ApiClient.Shopper;
import dev.kizuna.core.testing.ApiClient.Token;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coupon code guessing against the default limits (10 wrong codes per shopper, 30 per address, 30 per code prefix):
 * parallel guesses are counted exactly, rotating the customer id is caught by the address, and a shopper's own code
 * is served even while the address they share with a guesser must wait.
 */
class CodeGuessingTest {
    static final String CART = "{\"currency\":\"JPY\",\"lines\":[{\"sku\":\"A\",\"category\":\"tea\",\"quantity\":1,"
            + "\"unitPrice\":5000}],\"shipping\":0}";

    KizunaRuntime kizuna;
    ApiClient api;
    final CouponCodes generator = new CouponCodes();

    @BeforeEach
    void install() {
        kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.jdbc.pool-size", "20"));
        api = new ApiClient(kizuna);
        kizuna.context().clock().set(ZonedDateTime.of(2026, 4, 10, 12, 0, 0, 0, FakeHost.TOKYO).toInstant());
    }

    @AfterEach
    void close() {
        api.close();
        kizuna.close();
    }

    Reply quote(String customer, String address, String code) {
        return api.call(new Shopper(customer, address, "en"), "POST", "/me/coupons/quote",
                "{\"code\":\"" + code + "\",\"cart\":" + CART + "}");
    }

    /** A code that is not one: a generated-looking code whose check character is usually wrong, or a random one. */
    String guess() {
        return generator.next();
    }

    @Test
    void sixty_parallel_guesses_from_rotating_customer_ids_get_exactly_the_address_limit_looked_up() throws Exception {
        List<Reply> replies = CouponCheckoutTest.race(60, i -> () -> quote("C-rotating-" + i, "192.0.2.77", guess()));
        assertThat(replies.stream().filter(r -> r.status() == 409).count()).isEqualTo(30);
        assertThat(replies.stream().filter(r -> r.status() == 429).count()).isEqualTo(30);
        Reply refused = replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(Long.parseLong(refused.headers().get("retry-after"))).isBetween(1L, 61L);
        assertThat(refused.json().get("detail").asText()).contains("Try again in 1 minutes");
        assertThat(refused.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(failures("address:192.0.2.77")).isEqualTo(30);
        // a new customer id from the same address is not a fresh budget
        assertThat(quote("C-rotating-new", "192.0.2.77", guess()).status()).isEqualTo(429);
    }

    @Test
    void sixty_parallel_guesses_of_one_shopper_get_exactly_the_shopper_limit_looked_up() throws Exception {
        List<Reply> replies = CouponCheckoutTest.race(60, i -> () -> quote("C-greedy", "198.51.100." + (i + 1), guess()));
        assertThat(replies.stream().filter(r -> r.status() == 409).count()).isEqualTo(10);
        assertThat(replies.stream().filter(r -> r.status() == 429).count()).isEqualTo(50);
        assertThat(failures("shopper:C-greedy")).isEqualTo(10);
    }

    @Test
    void guesses_of_one_prefix_from_everywhere_are_caught_by_the_prefix() throws Exception {
        List<Reply> replies = CouponCheckoutTest.race(40, i -> () -> {
            String code = guess();
            return quote("C-botnet-" + i, "203.0.113." + (i + 1), "QQQQ" + code.substring(4));
        });
        assertThat(replies.stream().filter(r -> r.status() == 409).count()).isEqualTo(30);
        assertThat(replies.stream().filter(r -> r.status() == 429).count()).isEqualTo(10);
    }

    @Test
    void an_innocent_shopper_behind_the_guessers_address_is_served_their_own_codes() throws Exception {
        long personal = campaign(null);
        Reply issued = api.call(new Token(), "POST", "/campaigns/" + personal + "/codes", "{\"assignTo\":[\"C-innocent\"]}");
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        String own = issued.json().at("/assigned/0/code").asText();
        campaign("SPRING26");
        String shared = "SPRING26";
        // quoted before the guessing starts, e.g. on the cart page
        assertThat(quote("C-innocent", "192.0.2.88", shared).status()).isEqualTo(200);

        CouponCheckoutTest.race(40, i -> () -> quote("C-guesser-" + i, "192.0.2.88", guess()));
        assertThat(quote("C-guesser-x", "192.0.2.88", guess()).status()).isEqualTo(429);

        Reply mine = quote("C-innocent", "192.0.2.88", own);
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        assertThat(mine.json().get("discount").asLong()).isEqualTo(300);
        assertThat(quote("C-innocent", "192.0.2.88", shared).status()).isEqualTo(200);
        // someone else's code, or a code never quoted to them, gets the same wait as any guess
        assertThat(quote("C-guesser-y", "192.0.2.88", own).status()).isEqualTo(429);
        assertThat(quote("C-guesser-z", "192.0.2.88", shared).status()).isEqualTo(429);
        // valid codes cost nothing: the innocent shopper's own budget is untouched
        assertThat(failures("shopper:C-innocent")).isZero();
    }

    @Test
    void a_cart_whose_total_overflows_is_refused_naming_the_line() {
        campaign("OVERFLOW1");
        String cart = "{\"currency\":\"JPY\",\"lines\":[{\"sku\":\"A\",\"category\":\"tea\",\"quantity\":4,"
                + "\"unitPrice\":4611686018427387929}],\"shipping\":0}";
        Reply r = api.call(new Shopper("C-overflow", "192.0.2.5", "en"), "POST", "/me/coupons/quote",
                "{\"code\":\"OVERFLOW1\",\"cart\":" + cart + "}");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("cart.lines[0].unitPrice");
        assertThat(failures("shopper:C-overflow")).isZero();
    }

    long campaign(String code) {
        String body = """
                {"name":{"ja":"春","en":"Spring"},"discount":{"type":"FIXED","value":300},"currency":"JPY",%s
                 "validFrom":"2026-04-01T00:00:00+09:00","validTo":"2026-05-01T00:00:00+09:00"}"""
                .formatted(code == null ? "" : "\"code\":\"" + code + "\",");
        Reply r = api.call(new Token(), "POST", "/campaigns", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    long failures(String key) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number(
                "SELECT coalesce(sum(failures), 0) FROM coupon_guess_throttle WHERE key = ?", key));
    }
}
