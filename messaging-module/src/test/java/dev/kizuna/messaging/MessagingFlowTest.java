package dev.kizuna.messaging;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.ports.MailHooks;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.messaging.delivery.Holdout;
import dev.kizuna.messaging.journey.ShippedJourneys;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo flow of messaging on a real database and a real SMTP server (GreenMail): a broadcast to everyone opted in,
 * one-click unsubscribe, the cart reminder and its exit on an order, the points-expiring reminder once, and the
 * frequency cap across a broadcast and a journey. A Kizuna per test: each reads every mail of the shop.
 */
class MessagingFlowTest {
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    static final Pattern UNSUBSCRIBE = Pattern.compile("<https://shop\\.example\\.jp/crm/unsubscribe/([^>]+)>");

    GreenMail smtp;
    KizunaRuntime kizuna;
    ApiClient api;
    MessagingWorld world;

    MessagingWorld start(Map<String, String> config) {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        Map<String, String> c = new HashMap<>(config);
        c.put("kizuna.mail.smtp.host", "127.0.0.1");
        c.put("kizuna.mail.smtp.port", Integer.toString(smtp.getSmtp().getPort()));
        c.put("kizuna.mail.from", "shop@example.jp");
        c.put("kizuna.public-base-url", MessagingWorld.BASE_URL);
        c.put("kizuna.messaging.sender-name", "きずな茶舗");
        c.put("kizuna.messaging.sender-address", "〒600-8001 京都府京都市下京区四条通1-1");
        FakeHost host = new FakeHost();
        kizuna = TestKizuna.install(host, c);
        api = new ApiClient(kizuna);
        world = new MessagingWorld(kizuna, host, api);
        world.clock(MessagingWorld.tokyo(DAY, 10, 0));
        return world;
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (kizuna != null) {
            kizuna.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    void onlyJourney(String key) {
        kizuna.context().database().execute(tx -> tx.sql().update("UPDATE journey SET active = (key = ?)", key));
    }

    @Test
    void a_broadcast_mails_everyone_opted_in_except_the_holdout_and_one_click_unsubscribe_removes_them_from_the_next()
            throws Exception {
        start(Map.of("kizuna.messaging.cap-per-week", "5"));
        List<String> optedIn = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            String ref = "C-%02d".formatted(i);
            world.customer(ref, i % 5 == 0 ? "en" : "ja", true);
            optedIn.add(ref);
        }
        world.customer("C-never", "ja", null);
        world.customer("C-declined", "ja", false);

        long first = world.broadcast("{\"all\":true}", 10);

        Set<String> heldOut = new HashSet<>();
        Set<String> expected = new HashSet<>();
        for (String ref : optedIn) {
            (Holdout.heldOut("broadcast:" + first, world.memberId(ref), 10) ? heldOut : expected).add(MessagingWorld.mail(ref));
        }
        assertThat(heldOut).as("the seeded holdout is not empty").isNotEmpty();
        List<MessagingWorld.Mail> mails = world.mails();
        assertThat(mails).extracting(MessagingWorld.Mail::to).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        MessagingWorld.Mail c01 = world.mailsTo("C-01").get(0);
        assertThat(c01.subject()).isEqualTo("Name C-01様、今月のおすすめ");
        assertThat(c01.body()).contains("Name C-01様 現在のポイント: 0", "送信者: きずな茶舗",
                "所在地: 〒600-8001 京都府京都市下京区四条通1-1", MessagingWorld.BASE_URL + "/crm/unsubscribe/",
                MessagingWorld.BASE_URL + "/crm/go/").doesNotContain("href=\"https://shop.example.jp/new\"");
        assertThat(world.mailsTo("C-05").get(0).subject()).isEqualTo("Name C-05, this month's picks");

        // the broadcast's view counts what happened
        ApiClient.Reply view = api.call(new ApiClient.Token(), "GET", "/broadcasts/" + first, null);
        assertThat(view.json().get("status").asText()).isEqualTo("SENT");
        assertThat(view.json().at("/report/sent").asLong()).isEqualTo(expected.size());
        assertThat(view.json().at("/report/heldOut").asLong()).isEqualTo(heldOut.size());

        // over SMTP, with the one-click unsubscribe headers
        world.run("mail-delivery");
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(expected.size());
        MimeMessage toC01 = null;
        for (MimeMessage m : received) {
            assertThat(m.getHeader("List-Unsubscribe", null)).matches(UNSUBSCRIBE);
            assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            if (m.getAllRecipients()[0].toString().equals(MessagingWorld.mail("C-01"))) {
                toC01 = m;
            }
        }
        assertThat(toC01).isNotNull();
        Matcher token = UNSUBSCRIBE.matcher(toC01.getHeader("List-Unsubscribe", null));
        assertThat(token.matches()).isTrue();

        // what a mail client sends for the one-click unsubscribe (RFC 8058)
        ApiClient.Reply unsubscribed = api.page("POST", "/unsubscribe/" + token.group(1),
                Map.of("List-Unsubscribe", List.of("One-Click")));
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(unsubscribed.text()).contains("配信を停止しました");
        assertThat(api.page("POST", "/unsubscribe/not-a-token", Map.of()).status()).isEqualTo(404);

        // the SMTP server refused C-02's address for good: the mail delivery reports it and it is not mailed again
        MessagingWorld.Mail toC02 = world.mailsTo("C-02").get(0);
        kizuna.context().database().execute(tx -> kizuna.context().ports().require(MailHooks.class)
                .bounced(tx, toC02.id(), toC02.memberId()));

        int before = world.mails().size();
        long second = world.broadcast("{\"all\":true}", 0);
        List<MessagingWorld.Mail> secondMails = world.mails().subList(before, world.mails().size());
        assertThat(secondMails).extracting(MessagingWorld.Mail::to)
                .hasSize(optedIn.size() - 2)
                .doesNotContain(MessagingWorld.mail("C-01"), MessagingWorld.mail("C-02"), MessagingWorld.mail("C-never"));
        assertThat(second).isNotEqualTo(first);
        ApiClient.Reply prefs = api.call(new ApiClient.Shopper("C-01"), "GET", "/me/messaging/preferences", null);
        assertThat(prefs.json().get("mail").asBoolean()).isFalse();
    }

    @Test
    void a_cart_left_an_hour_gets_the_reminder_and_an_order_before_the_second_step_ends_the_journey() {
        start(Map.of());
        onlyJourney(ShippedJourneys.CART_REMINDER);
        long journey = world.journeyId(ShippedJourneys.CART_REMINDER);
        String ref = null;
        for (int i = 1; ref == null; i++) {
            String candidate = "CART-" + i;
            long member = world.customer(candidate, "ja", true);
            if (!Holdout.heldOut("journey:" + journey, member, 10)) {
                ref = candidate;
            }
        }
        Instant left = MessagingWorld.tokyo(DAY, 10, 0);
        world.cartAbandoned(ref, left);
        // the host retries the same kind of event: still one journey at a time
        world.cartAbandoned(ref, left.plusSeconds(60));

        world.clock(left.plus(Duration.ofMinutes(30)));
        world.run("journey-tick");
        assertThat(world.mailsTo(ref)).isEmpty();

        world.clock(left.plus(Duration.ofMinutes(61)));
        world.run("journey-tick");
        assertThat(world.mailsTo(ref)).extracting(MessagingWorld.Mail::subject).containsExactly("カートに商品が残っています");

        world.order(ref, left.plus(Duration.ofHours(2)), 3_000);
        world.clock(left.plus(Duration.ofHours(25)));
        world.run("journey-tick");
        assertThat(world.mailsTo(ref)).hasSize(1);
        assertThat(world.number("SELECT count(*) FROM journey_entry WHERE journey_id = ? AND status = 'EXITED'", journey))
                .isEqualTo(1);
        assertThat(world.number("SELECT count(*) FROM journey_entry WHERE journey_id = ?", journey)).isEqualTo(1);
    }

    @Test
    void points_that_expire_in_thirty_days_are_announced_once_even_when_the_job_runs_twice() {
        start(Map.of());
        onlyJourney(ShippedJourneys.POINTS_EXPIRING);
        world.clock(MessagingWorld.tokyo(DAY.minusMonths(12).plusDays(20), 10, 0));
        world.customer("P-1", "ja", false);
        world.customer("P-2", "ja", true);
        world.grantPoints("P-1", 500);
        world.grantPoints("P-2", 80);

        world.clock(MessagingWorld.tokyo(DAY, 10, 0));
        world.run("journey-tick");
        world.run("journey-tick");
        // transactional: the customer's own points, also for P-1 who declined marketing mail
        assertThat(world.mailsTo("P-1")).extracting(MessagingWorld.Mail::subject)
                .containsExactly("【ポイント失効のお知らせ】500ポイントが2026年3月22日に失効します");
        assertThat(world.mailsTo("P-2")).hasSize(1);
        assertThat(world.mailsTo("P-1").get(0).body()).contains("送信者: きずな茶舗").doesNotContain("/crm/unsubscribe/");
        assertThat(world.number("SELECT count(*) FROM journey_entry")).isEqualTo(2);
    }

    @Test
    void the_frequency_cap_holds_across_a_broadcast_and_a_journey_on_the_same_day() {
        start(Map.of("kizuna.messaging.cap-per-week", "1"));
        onlyJourney(ShippedJourneys.CART_REMINDER);
        long journey = world.journeyId(ShippedJourneys.CART_REMINDER);
        kizuna.context().database().execute(tx -> tx.sql().update("UPDATE journey SET holdout_percent = 0 WHERE id = ?", journey));
        world.customer("F-1", "ja", true);
        world.broadcast("{\"all\":true}", 0);
        assertThat(world.mailsTo("F-1")).hasSize(1);

        Instant left = MessagingWorld.tokyo(DAY, 11, 0);
        world.cartAbandoned("F-1", left);
        world.clock(left.plus(Duration.ofMinutes(61)));
        world.run("journey-tick");
        assertThat(world.mailsTo("F-1")).hasSize(1);
        assertThat(world.number("SELECT count(*) FROM message WHERE source = 'JOURNEY' AND status = 'CAPPED'")).isEqualTo(1);
    }
}
