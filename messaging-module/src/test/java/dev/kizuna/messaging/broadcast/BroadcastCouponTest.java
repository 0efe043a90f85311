package dev.kizuna.messaging.broadcast;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.spi.Cart;
import dev.kizuna.core.spi.CouponCheckout;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.messaging.MessagingWorld;
import dev.kizuna.messaging.delivery.Holdout;
import dev.kizuna.messaging.delivery.MessageSource;
import dev.kizuna.messaging.report.Reports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast with a coupon campaign, sent in batches of three (each batch written while the next one is made
 * ready): every recipient's mail carries their own personal code, stored as theirs with the broadcast's validity,
 * and the held-out customers get neither mail nor code.
 */
class BroadcastCouponTest {
    static final Pattern CODE = Pattern.compile("クーポン: ([0-9A-Z]+)|Coupon: ([0-9A-Z]+)");

    KizunaRuntime kizuna;
    ApiClient api;

    @AfterEach
    void stop() {
        api.close();
        kizuna.close();
    }

    @Test
    void each_recipient_gets_their_own_stored_code_and_the_holdout_none() {
        FakeHost host = new FakeHost();
        kizuna = TestKizuna.install(host, Map.of("kizuna.messaging.batch-size", "3", "kizuna.messaging.quiet-hours", "",
                "kizuna.messaging.cap-per-week", "5"));
        api = new ApiClient(kizuna);
        MessagingWorld world = new MessagingWorld(kizuna, host, api);
        Instant now = MessagingWorld.tokyo(LocalDate.of(2026, 3, 2), 12, 0);
        world.clock(now);
        for (int i = 1; i <= 20; i++) {
            world.customer("K-%02d".formatted(i), i % 4 == 0 ? "en" : "ja", true);
        }
        world.customer("K-declined", "ja", false);
        ApiClient.Reply couponCampaign = api.call(new ApiClient.Token(), "POST", "/campaigns", """
                {"name":{"ja":"春の200円引き","en":"Spring: 200 yen off"},"discount":{"type":"FIXED","value":200},
                 "currency":"JPY"}""");
        assertThat(couponCampaign.status()).as(couponCampaign.text()).isEqualTo(201);
        long campaign = couponCampaign.json().get("id").asLong();

        ApiClient.Reply created = api.call(new ApiClient.Token(), "POST", "/broadcasts", """
                {"name":{"ja":"春のクーポン","en":"Spring coupon"},"audience":{"all":true},"channel":"mail",
                 "subject":{"ja":"${name}様へクーポン","en":"A coupon for ${name}"},
                 "body":{"ja":"<p>${name}様 クーポン: ${couponCode}</p>","en":"<p>Dear ${name} Coupon: ${couponCode}</p>"},
                 "holdoutPercent":20,"couponCampaignId":%d}""".formatted(campaign));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(api.call(new ApiClient.Token(), "POST", "/broadcasts/" + id + "/send", null).status()).isEqualTo(202);
        world.run("broadcast-send");

        Map<String, String> codeByMail = new HashMap<>();
        for (MessagingWorld.Mail m : world.mails()) {
            Matcher code = CODE.matcher(m.body());
            assertThat(code.find()).as(m.body()).isTrue();
            codeByMail.put(m.to(), code.group(1) != null ? code.group(1) : code.group(2));
        }
        int expected = 0;
        for (int i = 1; i <= 20; i++) {
            String ref = "K-%02d".formatted(i);
            long member = world.memberId(ref);
            String code = codeByMail.get(MessagingWorld.mail(ref));
            if (Holdout.heldOut("broadcast:" + id, member, 20)) {
                assertThat(code).as(ref + " is held out").isNull();
                assertThat(world.number("SELECT count(*) FROM coupon_code WHERE member_id = ?", member)).isZero();
                continue;
            }
            expected++;
            assertThat(code).as(ref).isNotNull();
            assertThat(CouponCodes.isWellFormed(code)).isTrue();
            // the code is the customer's own, valid for the broadcast's 30 days from its decision, and named by it
            assertThat(world.number("""
                    SELECT count(*) FROM coupon_code c JOIN message g ON g.coupon_code = c.code
                    WHERE c.code = ? AND c.campaign_id = ? AND c.member_id = ? AND c.batch_id IS NOT NULL
                      AND c.valid_from = g.decided_at AND c.valid_to = g.decided_at + interval '30 days'
                      AND g.member_id = c.member_id AND g.campaign_id = ? AND g.source = 'BROADCAST'
                      AND g.status = 'SENT' AND g.outbox_id IS NOT NULL""", code, campaign, member, id))
                    .as(ref).isEqualTo(1);
        }
        assertThat(expected).as("the seeded holdout leaves recipients").isGreaterThan(10).isLessThan(20);
        assertThat(codeByMail).hasSize(expected);
        assertThat(List.copyOf(codeByMail.values())).doesNotHaveDuplicates();
        assertThat(codeByMail).doesNotContainKey(MessagingWorld.mail("K-declined"));
        assertThat(world.number("SELECT count(*) FROM coupon_code WHERE campaign_id = ?", campaign)).isEqualTo(expected);
        assertThat(world.number("SELECT count(*) FROM message WHERE campaign_id = ? AND status = 'HOLDOUT'", id))
                .isEqualTo(20 - expected);

        ApiClient.Reply view = api.call(new ApiClient.Token(), "GET", "/broadcasts/" + id, null);
        assertThat(view.json().get("status").asText()).isEqualTo("SENT");
        assertThat(view.json().at("/report/sent").asLong()).isEqualTo(expected);
        assertThat(view.json().at("/report/heldOut").asLong()).isEqualTo(20 - expected);

        // the coupon's cost: one recipient orders with their code, another's order with it is given back
        Reports reports = new Reports(kizuna.context().ports());
        Reports.CouponCost before = kizuna.context().database().inTransaction(tx ->
                reports.couponCost(tx, MessageSource.BROADCAST, id, null));
        assertThat(before).isEqualTo(new Reports.CouponCost(expected, 0, 0));
        CouponCheckout checkout = kizuna.context().ports().require(CouponCheckout.class);
        List<String> withCodes = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj("K-%02d"::formatted)
                .filter(ref -> codeByMail.containsKey(MessagingWorld.mail(ref))).toList();
        Cart cart = new Cart("JPY", List.of(new Cart.CartLine("TEA-1", "tea", 1, 3_000)), 500);
        checkout.reserve(withCodes.get(0), "O-coupon-1", codeByMail.get(MessagingWorld.mail(withCodes.get(0))), cart, null);
        checkout.commit("O-coupon-1");
        checkout.reserve(withCodes.get(1), "O-coupon-2", codeByMail.get(MessagingWorld.mail(withCodes.get(1))), cart, null);
        checkout.release("O-coupon-2");
        Reports.CouponCost after = kizuna.context().database().inTransaction(tx ->
                reports.couponCost(tx, MessageSource.BROADCAST, id, null));
        assertThat(after).as("the used code's order and its ¥200; the released one costs nothing")
                .isEqualTo(new Reports.CouponCost(expected, 1, 200));
    }
}
