package dev.kizuna.segment.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.mail.MailOutbox;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.spi.Cart;
import dev.kizuna.core.spi.CouponCheckout;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.CustomerUpdated;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ConsoleLabels;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.core.web.Role;
import dev.kizuna.survey.SurveyModule;
import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.Question;
import dev.kizuna.survey.feedback.QuestionType;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.feedback.SurveySettings;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.invitation.SurveyInvitationJob;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import dev.kizuna.survey.profiling.ProfileQuestion;
import dev.kizuna.survey.profiling.ProfileQuestionAdmin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every module installed, the timeline API gathers what each feature contributes beside the orders: an account
 * change (which fields, no values), a return, a coupon issued and one used, a survey invitation and its answer, and a
 * profile answer; each kind can be asked for alone and reads in both console languages.
 */
@KizunaTest(config = "kizuna.public-base-url=http://shop.test")
class TimelineSourcesTest {
    static final ApiClient.As STAFF = new ApiClient.Console(Role.SUPPORT);
    static final String REF = "C-TL";
    static final Pattern LINK = Pattern.compile("http://shop\\.test/crm/survey/([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)");

    static Instant tokyo(int month, int day, int hour) {
        return ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, FakeHost.TOKYO).toInstant();
    }

    static void publish(KizunaRuntime kizuna, HostEvent... events) {
        for (EventPublisher.Outcome o : kizuna.publisher().publishAll(List.of(events))) {
            assertThat(o).isEqualTo(EventPublisher.Outcome.APPLIED);
        }
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    @BeforeAll
    static void history(KizunaRuntime kizuna, FakeHost host, ApiClient api) {
        kizuna.context().clock().set(tokyo(3, 1, 9));
        host.contacts.put(REF, new HostPorts.Contact("c-tl@example.jp", "Tanaka Hanako", "ja"));
        publish(kizuna, new CustomerRegistered(id(), tokyo(3, 1, 9), REF, "c-tl@example.jp", "Tanaka Hanako", null, "ja",
                Map.of("mail", true)));
        // a new address and a first phone number; then the whole account sent again unchanged, as hosts do on save
        publish(kizuna, new CustomerUpdated(id(), tokyo(3, 2, 9), REF, "hanako.new@example.jp", "Tanaka Hanako", null,
                "ja", Map.of("mail", true), "090-1234-5678"));
        publish(kizuna, new CustomerUpdated(id(), tokyo(3, 3, 9), REF, "Hanako.New@example.jp", "Tanaka Hanako", null,
                "ja-JP", Map.of("mail", true), "09012345678"));

        // an order of two teas, delivered, one of them sent back
        publish(kizuna, new OrderSubmitted(id(), tokyo(3, 5, 10), "O-TL-1", REF, "JPY", OrderSubmitted.Channel.WEB,
                        List.of(new OrderSubmitted.OrderLine("TEA-1", "tea", 2, 1_500, 0)), 3_000, 0, 0, 0, 0, null, 3_000),
                new OrderDelivered(id(), tokyo(3, 7, 10), "O-TL-1"));
        publish(kizuna, new OrderReturned(id(), tokyo(3, 9, 10), "O-TL-1", List.of(new OrderReturned.ReturnedLine("TEA-1", 1))));

        // a survey asking a day after delivery: the invitation on 8 March, the answer on 10 March
        SurveyAdmin surveys = kizuna.context().ports().require(SurveyAdmin.class);
        SurveyDesign design = new SurveyDesign(LocalizedText.of("ご購入後アンケート", "After your order"), null, null,
                List.of(new Question("nps", QuestionType.NPS, true, LocalizedText.of("おすすめしますか?", "Would you recommend us?"),
                        null, null)));
        long survey = surveys.create(new SurveyAdmin.NewSurvey("timeline", design, new SurveySettings("お買い物の感想",
                0, new InvitationTrigger(1, InvitationTrigger.Channel.ANY, List.of(), List.of(), 100, 90, 30))),
                "tester").id();
        surveys.publish(survey, "tester");
        surveys.changeStatus(survey, new SurveyAdmin.StatusChange(SurveyStatus.ACTIVE, tokyo(3, 1, 0)), "tester");
        kizuna.context().clock().set(tokyo(3, 8, 12));
        assertThat(kizuna.jobRuns().run(kizuna.context().jobs().find(SurveyInvitationJob.NAME).orElseThrow(), "manual",
                null).status()).isEqualTo(JobRunStatus.SUCCEEDED);
        String token = surveyToken(kizuna);
        kizuna.context().clock().set(tokyo(3, 10, 12));
        ApiClient.Reply form = api.page("GET", "/" + SurveyModule.PAGE_SEGMENT + "/" + token, Map.of());
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(form.text());
        assertThat(version.find()).as(form.text()).isTrue();
        ApiClient.Reply answered = api.page("POST", "/" + SurveyModule.PAGE_SEGMENT + "/" + token,
                Map.of("version", List.of(version.group(1)), "q.nps", List.of("9")));
        assertThat(answered.status()).as(answered.text()).isEqualTo(200);

        // a profile question answered on 12 March
        kizuna.context().ports().require(ProfileQuestionAdmin.class).create(new ProfileQuestion("pets",
                LocalizedText.of("ペット", "Pets"), ProfileAnswerType.TEXT, List.of(), null, null, 300, false, 0L,
                List.of(), AskRule.SKIP_IF_KNOWN, 0, true), "tester");
        kizuna.context().clock().set(tokyo(3, 12, 12));
        ApiClient.Reply profile = api.call(new ApiClient.Shopper(REF), "POST", "/me/profile/questions",
                "{\"context\":\"account\",\"answers\":[{\"key\":\"pets\",\"values\":[\"shiba\"]}]}");
        assertThat(profile.status()).as(profile.text()).isEqualTo(200);

        // a coupon issued to the customer on 14 March and used with an order on 15 March
        kizuna.context().clock().set(tokyo(3, 14, 12));
        ApiClient.Reply campaign = api.call(new ApiClient.Token(), "POST", "/campaigns", """
                {"name":{"ja":"春のセール","en":"Spring sale"},"discount":{"type":"FIXED","value":300},"currency":"JPY",
                 "validFrom":"2026-03-01T00:00:00+09:00","validTo":"2026-05-01T00:00:00+09:00","status":"LIVE"}""");
        assertThat(campaign.status()).as(campaign.text()).isEqualTo(201);
        long campaignId = campaign.json().get("id").asLong();
        ApiClient.Reply codes = api.call(new ApiClient.Token(), "POST", "/campaigns/" + campaignId + "/codes",
                "{\"assignTo\":[\"" + REF + "\"]}");
        assertThat(codes.status()).as(codes.text()).isEqualTo(201);
        String code = kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT code FROM coupon_code WHERE campaign_id = ?", rs -> rs.getString(1), campaignId)).orElseThrow();
        kizuna.context().clock().set(tokyo(3, 15, 12));
        CouponCheckout checkout = kizuna.context().ports().require(CouponCheckout.class);
        checkout.reserve(REF, "O-TL-2", code, new Cart("JPY", List.of(new Cart.CartLine("TEA-2", "tea", 1, 4_000)), 0), null);
        publish(kizuna, new OrderSubmitted(id(), tokyo(3, 15, 12), "O-TL-2", REF, "JPY", OrderSubmitted.Channel.WEB,
                List.of(new OrderSubmitted.OrderLine("TEA-2", "tea", 1, 4_000, 300)), 3_700, 300, 0, 0, 0, code, 3_700));
        checkout.commit("O-TL-2");
    }

    static String surveyToken(KizunaRuntime kizuna) {
        List<MailOutbox.OutgoingMail> mails = kizuna.context().database().inTransaction(tx ->
                kizuna.context().mail().newest(tx, 50, 0));
        for (MailOutbox.OutgoingMail m : mails) {
            Matcher link = LINK.matcher(m.bodyHtml());
            if (m.template().equals("survey-invitation") && link.find()) {
                return link.group(1);
            }
        }
        throw new AssertionError("no survey invitation was mailed");
    }

    static List<JsonNode> touchpoints(ApiClient api, String query) {
        ApiClient.Reply r = api.call(STAFF, "GET", "/customers/" + REF + "/timeline?limit=100" + query, null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("touchpoints").forEach(out::add);
        return out;
    }

    static JsonNode only(ApiClient api, TouchpointKind kind) {
        List<JsonNode> of = touchpoints(api, "&kind=" + kind.name());
        assertThat(of).as(kind.name()).hasSize(1);
        assertThat(of.get(0).get("kind").asText()).isEqualTo(kind.name());
        return of.get(0);
    }

    @Test
    void every_feature_contributes_its_touchpoints_newest_first(ApiClient api) {
        List<JsonNode> all = touchpoints(api, "");
        List<String> kinds = all.stream().map(t -> t.get("kind").asText()).toList();
        // the points ledger's entries (orders earning, the return taking some back) interleave; their own test is
        // the points feature's
        assertThat(kinds).contains("POINTS");
        assertThat(kinds.stream().filter(k -> !k.equals("POINTS"))).containsExactly("COUPON_USED", "ORDER_PLACED",
                "COUPON_ISSUED", "PROFILE_ANSWERED", "SURVEY_ANSWERED", "ORDER_RETURNED", "SURVEY_INVITED",
                "ORDER_DELIVERED", "ORDER_PLACED", "PROFILE_CHANGED", "REGISTERED");
        for (int i = 1; i < all.size(); i++) {
            assertThat(Instant.parse(all.get(i).get("at").asText()))
                    .isBeforeOrEqualTo(Instant.parse(all.get(i - 1).get("at").asText()));
        }
    }

    @Test
    void an_account_change_names_the_fields_it_changed_and_none_of_their_values(ApiClient api) {
        JsonNode change = only(api, TouchpointKind.PROFILE_CHANGED);
        assertThat(change.get("at").asText()).isEqualTo(tokyo(3, 2, 9).toString());
        assertThat(change.get("textKey").asText()).isEqualTo("timeline.profile-changed");
        List<String> fields = new ArrayList<>();
        change.get("args").get(0).forEach(f -> fields.add(f.get("key").asText()));
        assertThat(fields).containsExactly("timeline.profile-field.EMAIL", "timeline.profile-field.PHONE");
        assertThat(touchpoints(api, "").toString()).doesNotContain("hanako", "Hanako", "1234", "example.jp");
    }

    @Test
    void a_return_shows_the_order_and_the_units_that_came_back(ApiClient api) {
        JsonNode back = only(api, TouchpointKind.ORDER_RETURNED);
        assertThat(back.get("at").asText()).isEqualTo(tokyo(3, 9, 10).toString());
        assertThat(back.get("args").get(0).asText()).isEqualTo("O-TL-1");
        assertThat(back.get("args").get(1).asLong()).isEqualTo(1);
    }

    @Test
    void coupons_issued_and_used_name_the_campaign(ApiClient api) {
        JsonNode issued = only(api, TouchpointKind.COUPON_ISSUED);
        assertThat(Instant.parse(issued.get("at").asText())).isBetween(tokyo(3, 14, 12), tokyo(3, 14, 12).plusSeconds(600));
        assertThat(issued.get("args").get(0).get("en").asText()).isEqualTo("Spring sale");
        // the personal code as the shopper was given it, in groups of four
        assertThat(issued.get("args").get(1).asText()).matches("[0-9A-Z]{4}(-[0-9A-Z]{1,4}){4}");
        JsonNode used = only(api, TouchpointKind.COUPON_USED);
        assertThat(Instant.parse(used.get("at").asText())).isBetween(tokyo(3, 15, 12), tokyo(3, 15, 12).plusSeconds(600));
        assertThat(used.get("args").get(0).get("ja").asText()).isEqualTo("春のセール");
        assertThat(used.get("args").get(1).asText()).isEqualTo(issued.get("args").get(1).asText());
        assertThat(used.get("args").get(2).get("minor").asLong()).isEqualTo(300);
        assertThat(used.get("args").get(3).asText()).isEqualTo("O-TL-2");
        List<String> both = touchpoints(api, "&kind=coupon-issued,COUPON_USED").stream()
                .map(t -> t.get("kind").asText()).toList();
        assertThat(both).containsExactly("COUPON_USED", "COUPON_ISSUED");
    }

    @Test
    void survey_invitation_answer_and_profile_answer_appear_without_what_was_answered(ApiClient api) {
        JsonNode invited = only(api, TouchpointKind.SURVEY_INVITED);
        assertThat(Instant.parse(invited.get("at").asText())).isBetween(tokyo(3, 8, 12), tokyo(3, 8, 12).plusSeconds(600));
        assertThat(invited.get("args").get(1).asText()).isEqualTo("O-TL-1");
        JsonNode answered = only(api, TouchpointKind.SURVEY_ANSWERED);
        assertThat(answered.get("textKey").asText()).isEqualTo("timeline.survey-answered-nps");
        assertThat(answered.get("args").get(1).asInt()).isEqualTo(9);
        JsonNode profile = only(api, TouchpointKind.PROFILE_ANSWERED);
        assertThat(profile.get("args").get(0).get("en").asText()).isEqualTo("Pets");
        assertThat(profile.toString()).doesNotContain("shiba");
    }

    @Test
    void every_kind_and_text_reads_in_both_console_languages(ApiClient api) {
        ConsoleLabels.assertLabelled("timeline.kind.", TouchpointKind.values());
        List<String> texts = new ArrayList<>();
        touchpoints(api, "").forEach(t -> {
            texts.add(t.get("textKey").asText());
            t.get("args").forEach(a -> (a.isArray() ? a : List.of(a)).forEach(x -> {
                if (x.has("key")) {
                    texts.add(x.get("key").asText());
                }
            }));
        });
        ConsoleLabels.assertLabelled("", texts);
    }
}
