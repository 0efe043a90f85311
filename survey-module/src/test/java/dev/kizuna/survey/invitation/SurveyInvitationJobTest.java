package dev.kizuna.survey.invitation;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.survey.SurveyWorld;
import dev.kizuna.survey.feedback.InvitationTrigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.kizuna.survey.SurveyWorld.tokyo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@value SurveyInvitationJob#NAME} job on a real database: who is invited, when, and what they receive. A Kizuna
 * per test: the tests read every invitation and mail of the shop.
 */
@KizunaTest(perMethod = true, config = SurveyWorld.BASE_URL)
class SurveyInvitationJobTest {
    static final LocalDate LIVE = LocalDate.of(2026, 3, 1);
    SurveyWorld world;

    @BeforeEach
    void world(KizunaRuntime kizuna, FakeHost host, ApiClient api) {
        world = SurveyWorld.on(kizuna, host, api);
    }

    static Instant days(Instant from, int days) {
        return from.plus(Duration.ofDays(days));
    }

    @Test
    void a_delivered_order_gives_one_invitation_mail_with_a_link_once_the_days_have_passed() throws Exception {
        long survey = world.activeSurvey("after-delivery", SurveyWorld.design(), SurveyWorld.trigger(7, 100, 90), 50,
                tokyo(LIVE, 0));
        long member = world.customer("C-1", "ja");
        Instant delivered = tokyo(LIVE.plusDays(2), 15);
        String order = world.deliveredOrder("C-1", delivered);

        world.runInvitations(days(delivered, 7).minusSeconds(60));
        assertThat(world.invitationMails()).isEmpty();
        assertThat(world.decisions(survey)).isEmpty();

        world.runInvitations(days(delivered, 7).plusSeconds(60));
        List<SurveyWorld.Mail> mails = world.invitationMails();
        assertThat(mails).hasSize(1);
        SurveyWorld.Mail mail = mails.get(0);
        assertThat(mail.memberId()).isEqualTo(member);
        assertThat(mail.to()).isEqualTo("c-1@example.jp");
        assertThat(mail.locale()).isEqualTo("ja");
        assertThat(mail.subject()).isEqualTo("【ご購入の感想をお聞かせください】ご購入後アンケート");
        assertThat(mail.body()).contains("Name C-1 様", order, "50ポイント", "回答期限: 2026年4月9日",
                SurveyWorld.LINK + "/crm/survey/");
        assertThat(world.decisions(survey)).isEqualTo(Map.of(order, "SENT"));
        assertThat(world.open(mail.token(), null).status()).isEqualTo(200);

        // a rerun (or the next day's run) decides nothing twice and mails nobody again
        world.runInvitations(days(delivered, 8));
        assertThat(world.invitationMails()).hasSize(1);
        assertThat(world.number("SELECT count(*) FROM survey_invitation")).isEqualTo(1);
    }

    @Test
    void an_english_speaking_customer_gets_the_mail_in_english() {
        world.activeSurvey("after-delivery", SurveyWorld.design(), SurveyWorld.trigger(3, 100, 90), 120,
                tokyo(LIVE, 0));
        world.customer("C-en", "en");
        Instant delivered = tokyo(LIVE.plusDays(1), 9);
        String order = world.deliveredOrder("C-en", delivered);
        world.runInvitations(days(delivered, 3).plusSeconds(60));
        SurveyWorld.Mail mail = world.invitationMails().get(0);
        assertThat(mail.locale()).isEqualTo("en");
        assertThat(mail.subject()).isEqualTo("How was your order? After your order");
        assertThat(mail.body()).contains("Dear Name C-en,", order, "120 points", "Open until: 4 April 2026",
                SurveyWorld.LINK + "/crm/survey/");
    }

    @Test
    void sampling_invites_the_customers_whose_bucket_is_below_the_percentage_and_no_others() {
        long survey = world.activeSurvey("sampled", SurveyWorld.design(), SurveyWorld.trigger(7, 30, 90), 0,
                tokyo(LIVE, 0));
        Instant delivered = tokyo(LIVE.plusDays(1), 12);
        Map<String, Long> members = new HashMap<>();
        Map<String, String> orders = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            String ref = "C-s" + i;
            members.put(ref, world.customer(ref, "ja"));
            orders.put(ref, world.deliveredOrder(ref, delivered));
        }
        world.runInvitations(days(delivered, 7).plusSeconds(60));

        Map<String, String> decided = world.decisions(survey);
        Set<String> expected = members.entrySet().stream()
                .filter(e -> Sampling.selected(survey, e.getValue(), 30)).map(e -> orders.get(e.getKey()))
                .collect(Collectors.toSet());
        Set<String> sent = decided.entrySet().stream().filter(e -> e.getValue().equals("SENT")).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(decided).hasSize(40);
        assertThat(sent).isEqualTo(expected).isNotEmpty().hasSizeLessThan(40);
        assertThat(decided.values()).containsOnly("SENT", "NOT_SAMPLED");
        assertThat(world.invitationMails()).hasSize(sent.size());

        // the sample is a property of the customer: their next order is judged the same way
        String someone = members.keySet().iterator().next();
        String next = world.deliveredOrder(someone, days(delivered, 200));
        world.runInvitations(days(delivered, 208));
        assertThat(world.decisions(survey).get(next))
                .isEqualTo(Sampling.selected(survey, members.get(someone), 30) ? "SENT" : "NOT_SAMPLED");
    }

    @Test
    void a_customer_gets_at_most_one_invitation_per_cooldown_whatever_the_orders_and_surveys() {
        long first = world.activeSurvey("first", SurveyWorld.design(), SurveyWorld.trigger(7, 100, 90), 0,
                tokyo(LIVE, 0));
        world.customer("C-busy", "ja");
        Instant d = tokyo(LIVE.plusDays(1), 12);
        String older = world.deliveredOrder("C-busy", d);
        String newer = world.deliveredOrder("C-busy", d.plus(Duration.ofHours(30)));

        // two orders due in one run: the newest delivery is asked about, the other one is not
        world.runInvitations(days(d, 9));
        assertThat(world.decisions(first)).isEqualTo(Map.of(newer, "SENT", older, "ONE_PER_PERIOD"));
        assertThat(world.invitationMailsTo("C-busy")).hasSize(1);

        // a later order within the cooldown: skipped, also by another survey that just went live
        long second = world.activeSurvey("second", SurveyWorld.design(), SurveyWorld.trigger(7, 100, 30), 0,
                days(d, 10));
        String within = world.deliveredOrder("C-busy", days(d, 20));
        world.runInvitations(days(d, 28));
        assertThat(world.decisions(first)).containsEntry(within, "COOLDOWN");
        assertThat(world.decisions(second)).containsEntry(within, "COOLDOWN");
        assertThat(world.invitationMailsTo("C-busy")).hasSize(1);

        // the second survey's shorter cooldown has passed, the first one's has not
        String later = world.deliveredOrder("C-busy", days(d, 45));
        world.runInvitations(days(d, 52));
        assertThat(world.decisions(first)).containsEntry(later, "COOLDOWN");
        assertThat(world.decisions(second)).containsEntry(later, "SENT");
        assertThat(world.invitationMailsTo("C-busy")).hasSize(2);

        // once the first survey's cooldown has passed since the last invitation of any survey, it asks again
        String much = world.deliveredOrder("C-busy", days(d, 150));
        world.runInvitations(days(d, 157));
        assertThat(world.decisions(first)).containsEntry(much, "SENT");
        assertThat(world.decisions(second)).containsEntry(much, "COOLDOWN");
        assertThat(world.invitationMailsTo("C-busy")).hasSize(3);
    }

    @Test
    void orders_outside_the_trigger_or_customers_out_of_reach_are_not_mailed() {
        long survey = world.activeSurvey("store-gold", SurveyWorld.design(), new InvitationTrigger(7,
                InvitationTrigger.Channel.STORE, List.of(), List.of(), 100, 90, 30), 0, tokyo(LIVE, 0));
        long gold = world.activeSurvey("gold-only", SurveyWorld.design(), new InvitationTrigger(7,
                InvitationTrigger.Channel.ANY, List.of("GOLD"), List.of(), 100, 90, 30), 0, tokyo(LIVE, 0));
        Instant d = tokyo(LIVE.plusDays(3), 12);
        world.customer("C-web", "ja");
        world.customer("C-store", "ja");
        world.customer("C-silent", "ja");
        world.host.contacts.remove("C-silent");
        world.customer("C-early", "ja");
        String web = world.deliveredOrder("C-web", d, OrderSubmitted.Channel.WEB);
        String store = world.deliveredOrder("C-store", d, OrderSubmitted.Channel.STORE);
        String silent = world.deliveredOrder("C-silent", d, OrderSubmitted.Channel.STORE);
        String early = world.deliveredOrder("C-early", tokyo(LIVE.minusDays(1), 12), OrderSubmitted.Channel.STORE);

        world.runInvitations(days(d, 8));
        // only store orders are the store survey's; one of them cannot be mailed
        assertThat(world.decisions(survey)).isEqualTo(Map.of(store, "SENT", silent, "NO_CONTACT"));
        // without the ranks feature installed, nobody is known to be GOLD
        assertThat(world.decisions(gold)).containsEntry(web, "NOT_IN_AUDIENCE").doesNotContainKey(early);
        assertThat(world.invitationMails()).extracting(SurveyWorld.Mail::to).containsExactly("c-store@example.jp");
    }
}
