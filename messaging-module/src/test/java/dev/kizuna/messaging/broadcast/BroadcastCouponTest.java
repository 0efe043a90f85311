package dev.kizuna.messaging.broadcast;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.messaging.MessagingWorld;
import dev.kizuna.messaging.delivery.Holdout;
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
        long campaign = kizuna.context().database().inTransaction(tx -> tx.sql().number("""
                INSERT INTO coupon_campaign (kind, status, current_version, created_at, created_by, updated_at)
                VALUES ('STANDARD', 'ACTIVE', 1, now(), 'test', now()) RETURNING id"""));

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
    }
}
