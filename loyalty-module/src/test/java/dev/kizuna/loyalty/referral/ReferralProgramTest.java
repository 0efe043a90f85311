package dev.kizuna.loyalty.referral;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The referral program through the host's events, the job and the API, on a real database with the points feature. */
class ReferralProgramTest {
    static KizunaRuntime kizuna;
    static ApiClient api;

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install();
        api = new ApiClient(kizuna);
    }

    @AfterAll
    static void close() {
        api.close();
        kizuna.close();
    }

    static Reply admin(String method, String path, String body) {
        return api.call(new ApiClient.Token(), "en", method, path, body);
    }

    static Reply shopper(String customerRef, String path) {
        return api.call(new ApiClient.Shopper(customerRef), "ja", "GET", path, null);
    }

    static void program(String rewardOn, int monthlyLimit) {
        Reply saved = admin("PUT", "/referrals/program", """
                {"active":true,"rewardOn":"%s","referrerPoints":500,"referredPoints":300,"monthlyLimit":%d,
                 "confirmDays":14}""".formatted(rewardOn, monthlyLimit));
        assertThat(saved.status()).isEqualTo(200);
    }

    static Instant now() {
        return kizuna.context().clock().instant();
    }

    static void at(Instant instant) {
        kizuna.context().clock().set(instant);
    }

    static void register(String customerRef, String email, String code, String device) {
        kizuna.publisher().publish(registration(customerRef, email, code, device));
    }

    static CustomerRegistered registration(String customerRef, String email, String code, String device) {
        return new CustomerRegistered("reg-" + customerRef, now(), customerRef, email, "Name", null, "ja", Map.of(), null,
                code, device, null);
    }

    static void order(String orderRef, String customerRef, String payment) {
        kizuna.publisher().publish(new OrderSubmitted("sub-" + orderRef, now(), orderRef, customerRef, "JPY",
                OrderSubmitted.Channel.WEB, List.of(new OrderSubmitted.OrderLine("TEA", "tea", 1, 10_000, 0)), 10_000, 0,
                500, 0, 0, null, 10_500, payment));
    }

    static void deliver(String orderRef, String eventId) {
        kizuna.publisher().publish(new OrderDelivered(eventId, now(), orderRef));
    }

    static long available(String customerRef) {
        return admin("GET", "/customers/" + customerRef + "/points", null).json().at("/available").asLong();
    }

    static String code(String customerRef) {
        return shopper(customerRef, "/me/referral").json().at("/code").asText();
    }

    static JsonNode referralOf(String referred) {
        for (JsonNode r : admin("GET", "/referrals", null).json()) {
            if (r.at("/referred").asText().equals(referred)) {
                return r;
            }
        }
        throw new AssertionError("no referral of " + referred);
    }

    static void runRewards() {
        kizuna.jobRuns().run(kizuna.context().jobs().find("referral-rewards").orElseThrow(), "manual", null);
    }

    @Test
    void a_referred_first_order_rewards_both_once_after_it_is_confirmed_and_a_self_referral_by_e_mail_is_blocked() {
        at(Instant.parse("2026-03-02T03:00:00Z"));
        program("FIRST_ORDER", 5);
        register("C-ref-a", "hanako@example.jp", null, null);
        String code = code("C-ref-a");
        assertThat(code).hasSize(8);
        assertThat(shopper("C-ref-a", "/me/referral").json().at("/link").asText()).endsWith("/register?ref=" + code);

        register("C-ref-b", "taro@example.jp", code.toLowerCase(), "device-b");
        assertThat(referralOf("C-ref-b").at("/state").asText()).isEqualTo("AWAITING_ORDER");
        order("O-ref-b1", "C-ref-b", "card-b");
        assertThat(referralOf("C-ref-b").at("/state").asText()).isEqualTo("HELD");
        deliver("O-ref-b1", "del-O-ref-b1");
        runRewards();
        assertThat(available("C-ref-a")).as("held until the return window has passed").isZero();

        at(now().plus(Duration.ofDays(15)));
        runRewards();
        JsonNode rewarded = referralOf("C-ref-b");
        assertThat(rewarded.at("/state").asText()).isEqualTo("REWARDED");
        assertThat(available("C-ref-a")).isEqualTo(500);
        assertThat(available("C-ref-b")).isEqualTo(300);

        // The host delivers its events again, one under a new id, and the job runs again: nothing more is given.
        kizuna.publisher().publish(registration("C-ref-b", "taro@example.jp", code, "device-b"));
        deliver("O-ref-b1", "del-again-O-ref-b1");
        order("O-ref-b2", "C-ref-b", "card-b");
        runRewards();
        assertThat(available("C-ref-a")).isEqualTo(500);
        assertThat(available("C-ref-b")).isEqualTo(300);
        JsonNode mine = shopper("C-ref-a", "/me/referral").json();
        assertThat(mine.at("/rewarded").asLong()).isEqualTo(1);
        assertThat(mine.at("/pointsSoFar").asLong()).isEqualTo(500);

        // The referrer again, under another account with the same address written differently.
        register("C-ref-a2", "Hanako@Example.JP", code, null);
        JsonNode blocked = referralOf("C-ref-a2");
        assertThat(blocked.at("/state").asText()).isEqualTo("BLOCKED");
        assertThat(blocked.at("/blockedRule").asText()).isEqualTo("SAME_EMAIL");
        order("O-ref-a2", "C-ref-a2", null);
        deliver("O-ref-a2", "del-O-ref-a2");
        at(now().plus(Duration.ofDays(15)));
        runRewards();
        assertThat(available("C-ref-a")).isEqualTo(500);
        assertThat(available("C-ref-a2")).isZero();
    }

    @Test
    void a_card_the_referrer_paid_with_blocks_the_reward_and_a_cancelled_first_order_voids_it() {
        at(Instant.parse("2026-04-02T03:00:00Z"));
        program("FIRST_ORDER", 5);
        register("C-card-a", "card-a@example.jp", null, null);
        order("O-card-a", "C-card-a", "card-shared");
        String code = code("C-card-a");
        register("C-card-b", "card-b@example.jp", code, null);
        order("O-card-b", "C-card-b", "card-shared");
        JsonNode blocked = referralOf("C-card-b");
        assertThat(blocked.at("/state").asText()).isEqualTo("BLOCKED");
        assertThat(blocked.at("/blockedRule").asText()).isEqualTo("SAME_PAYMENT");

        register("C-card-c", "card-c@example.jp", code, null);
        order("O-card-c", "C-card-c", "card-c");
        kizuna.publisher().publish(new OrderCancelled("can-O-card-c", now(), "O-card-c"));
        assertThat(referralOf("C-card-c").at("/state").asText()).isEqualTo("VOID");
        at(now().plus(Duration.ofDays(30)));
        runRewards();
        assertThat(available("C-card-a")).isZero();
    }

    @Test
    void the_same_device_and_the_monthly_limit_block_and_registration_rewards_at_once() {
        at(Instant.parse("2026-05-02T03:00:00Z"));
        program("REGISTRATION", 1);
        register("C-dev-a", "dev-a@example.jp", null, "device-shared");
        String code = code("C-dev-a");
        register("C-dev-b", "dev-b@example.jp", code, "device-shared");
        assertThat(referralOf("C-dev-b").at("/blockedRule").asText()).isEqualTo("SAME_DEVICE");
        register("C-dev-c", "dev-c@example.jp", code, "device-c");
        assertThat(referralOf("C-dev-c").at("/state").asText()).isEqualTo("REWARDED");
        assertThat(available("C-dev-a")).isEqualTo(500);
        assertThat(available("C-dev-c")).isEqualTo(300);
        register("C-dev-d", "dev-d@example.jp", code, "device-d");
        assertThat(referralOf("C-dev-d").at("/blockedRule").asText()).isEqualTo("MONTHLY_LIMIT");
        assertThat(available("C-dev-a")).isEqualTo(500);

        kizuna.publisher().publish(new CustomerDeleted("del-C-dev-b", now(), "C-dev-b"));
        long signals = kizuna.context().database().inTransaction(tx -> tx.sql().number(
                "SELECT count(*) FROM referral_signal s JOIN member m ON m.id = s.member_id WHERE m.customer_ref = ?",
                "C-dev-b"));
        assertThat(signals).as("an erasure forgets the host's hashes").isZero();
        assertThat(referralOf("C-dev-b").at("/blockedRule").asText()).isEqualTo("SAME_DEVICE");
    }

    static long couponCampaign(String en) {
        Reply created = admin("POST", "/campaigns", """
                {"name":{"ja":"紹介クーポン","en":"%s"},"discount":{"type":"FIXED","value":500},"currency":"JPY"}"""
                .formatted(en));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    static long coupons(String customerRef) {
        Reply mine = api.call(new ApiClient.Shopper(customerRef), "en", "GET", "/me/coupons", null);
        assertThat(mine.status()).isEqualTo(200);
        return mine.json().size();
    }

    @Test
    void a_coupon_reward_gives_the_referrer_one_coupon_after_the_first_order_is_confirmed_and_a_self_referral_none() {
        at(Instant.parse("2026-06-02T03:00:00Z"));
        long campaign = couponCampaign("Thanks for referring");
        Reply saved = admin("PUT", "/referrals/program", """
                {"active":true,"rewardOn":"FIRST_ORDER","referrerPoints":500,"referredPoints":300,"monthlyLimit":5,
                 "confirmDays":14,"referrerReward":"COUPON","referrerCampaignId":%d,"referredReward":"POINTS",
                 "couponValidDays":30}""".formatted(campaign));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(admin("GET", "/referrals/program", null).json().at("/referrerCampaignId").asLong()).isEqualTo(campaign);

        register("C-cpn-a", "cpn-a@example.jp", null, null);
        String code = code("C-cpn-a");
        register("C-cpn-b", "cpn-b@example.jp", code, "device-cpn-b");
        order("O-cpn-b1", "C-cpn-b", "card-cpn-b");
        deliver("O-cpn-b1", "del-O-cpn-b1");
        runRewards();
        assertThat(coupons("C-cpn-a")).as("held until the order is confirmed").isZero();

        at(now().plus(Duration.ofDays(15)));
        runRewards();
        JsonNode rewarded = referralOf("C-cpn-b");
        assertThat(rewarded.at("/state").asText()).isEqualTo("REWARDED");
        assertThat(rewarded.at("/referrerCampaignId").asLong()).isEqualTo(campaign);
        assertThat(rewarded.at("/referrerPoints").asLong()).as("a coupon instead of the points").isZero();
        assertThat(coupons("C-cpn-a")).isEqualTo(1);
        assertThat(available("C-cpn-a")).isZero();
        assertThat(available("C-cpn-b")).isEqualTo(300);
        JsonNode mine = shopper("C-cpn-a", "/me/referral").json();
        assertThat(mine.at("/couponsSoFar").asLong()).isEqualTo(1);
        assertThat(mine.at("/referrerCoupon/en").asText()).isEqualTo("Thanks for referring");

        // Retried events and a second run of the job issue no second coupon.
        kizuna.publisher().publish(registration("C-cpn-b", "cpn-b@example.jp", code, "device-cpn-b"));
        deliver("O-cpn-b1", "del-again-O-cpn-b1");
        runRewards();
        assertThat(coupons("C-cpn-a")).isEqualTo(1);
        assertThat(coupons("C-cpn-b")).as("the referred side chose points").isZero();

        // The referrer again under another account with the same e-mail address: blocked, no coupon.
        register("C-cpn-a2", "CPN-A@example.jp", code, null);
        assertThat(referralOf("C-cpn-a2").at("/blockedRule").asText()).isEqualTo("SAME_EMAIL");
        order("O-cpn-a2", "C-cpn-a2", null);
        deliver("O-cpn-a2", "del-O-cpn-a2");
        at(now().plus(Duration.ofDays(15)));
        runRewards();
        assertThat(coupons("C-cpn-a")).isEqualTo(1);
        assertThat(coupons("C-cpn-a2")).isZero();
    }

    @Test
    void a_coupon_reward_names_a_campaign_that_can_issue_or_is_refused_naming_the_field() {
        program("FIRST_ORDER", 5);
        Reply missing = admin("PUT", "/referrals/program", """
                {"active":true,"rewardOn":"FIRST_ORDER","referrerPoints":500,"referredPoints":300,"monthlyLimit":5,
                 "confirmDays":14,"referredReward":"COUPON"}""");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/field").asText()).isEqualTo("referredCampaignId");
        Reply unknown = admin("PUT", "/referrals/program", """
                {"active":true,"rewardOn":"FIRST_ORDER","referrerPoints":500,"referredPoints":300,"monthlyLimit":5,
                 "confirmDays":14,"referrerReward":"COUPON","referrerCampaignId":987654}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/field").asText()).isEqualTo("referrerCampaignId");
        assertThat(unknown.json().at("/detail").asText()).contains("coupon");
        assertThat(admin("GET", "/referrals/program", null).json().at("/referrerReward").asText()).isEqualTo("POINTS");
    }

    @Test
    void the_program_refuses_bad_settings_naming_the_field_and_changes_nothing() {
        program("FIRST_ORDER", 5);
        Reply refused = admin("PUT", "/referrals/program", """
                {"active":true,"rewardOn":"SOMETIME","referrerPoints":500,"referredPoints":300,"monthlyLimit":5,
                 "confirmDays":14}""");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/field").asText()).isEqualTo("rewardOn");
        assertThat(admin("PUT", "/referrals/program", """
                {"active":true,"rewardOn":"FIRST_ORDER","referrerPoints":-1,"referredPoints":300,"monthlyLimit":5,
                 "confirmDays":14}""").json().at("/field").asText()).isEqualTo("referrerPoints");
        assertThat(admin("GET", "/referrals/program", null).json().at("/rewardOn").asText()).isEqualTo("FIRST_ORDER");
        assertThat(shopper("C-nobody-ref", "/me/referral").status()).isEqualTo(404);
    }
}
