package dev.kizuna.survey;

import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import dev.kizuna.survey.profiling.ProfileQuestion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.kizuna.survey.SurveyWorld.tokyo;
import static org.assertj.core.api.Assertions.assertThat;

/** Erasure: what a person told surveys and profiling goes, the anonymous aggregates stay. */
class AnswerErasureTest {
    static final LocalDate LIVE = LocalDate.of(2026, 4, 1);
    static SurveyWorld world;
    static long survey;
    static int day;

    @BeforeAll
    static void install() {
        world = SurveyWorld.install();
        survey = world.activeSurvey("erasure", SurveyWorld.design(), SurveyWorld.trigger(7, 100, 0), 0, tokyo(LIVE, 0));
        world.questions().create(new ProfileQuestion("anniversary", LocalizedText.of("記念日", "Anniversary"), ProfileAnswerType.DATE,
                List.of(), null, null, 500, true, 0L, List.of(), AskRule.SKIP_IF_KNOWN, 0, true), "tester");
        world.questions().create(new ProfileQuestion("pets", LocalizedText.of("ペット", "Pets"), ProfileAnswerType.TEXT,
                List.of(), null, null, 300, false, 0L, List.of(), AskRule.SKIP_IF_KNOWN, 0, true), "tester");
    }

    @AfterAll
    static void close() {
        world.close();
    }

    /** A customer who answered the survey (NPS 3, with a comment) and two profile questions; returns the member id. */
    static long answeredEverything(String ref) throws Exception {
        long member = world.customer(ref, "ja");
        Instant delivered = tokyo(LIVE.plusDays(++day), 10);
        world.deliveredOrder(ref, delivered);
        world.runInvitations(delivered.plus(Duration.ofDays(7)).plusSeconds(60));
        String token = world.invitationMailsTo(ref).get(0).token();
        long version = SurveyWorld.formVersion(world.open(token, null).html());
        assertThat(world.answer(token, version, "ja", Map.of("nps", List.of("3"), "reason", List.of("price"),
                "comment", List.of("secret of " + ref))).status()).isEqualTo(200);
        assertThat(world.api(ref, "POST", "/me/profile/questions", """
                {"answers":[{"key":"anniversary","values":["2010-10-10"]},{"key":"pets","values":["cat"]}]}""")
                .status()).isEqualTo(200);
        return member;
    }

    static final String ANONYMOUS = """
            SELECT count(*) FROM survey_response WHERE member_id IS NULL AND invitation_id IS NULL AND nps_score = 3""";

    static long count(String sql, Object... params) {
        return world.number(sql, params);
    }

    @Test
    void a_deleted_customer_leaves_only_anonymous_scores_and_choices() throws Exception {
        long member = answeredEverything("C-gone");
        long responses = count("SELECT count(*) FROM survey_response WHERE survey_id = ?", survey);
        long texts = count("SELECT count(*) FROM survey_answer WHERE free_text IS NOT NULL");
        long anonymous = count(ANONYMOUS);
        Integer npsBefore = world.queries().results(survey, null, null).nps().score();

        world.deleteCustomer("C-gone", tokyo(LIVE.plusDays(40), 9));

        assertThat(count("SELECT count(*) FROM profile_answer WHERE member_id = ?", member)).isZero();
        assertThat(count("SELECT count(*) FROM profile_visit WHERE member_id = ?", member)).isZero();
        assertThat(count("SELECT count(*) FROM survey_response WHERE member_id = ?", member)).isZero();
        assertThat(count("SELECT count(*) FROM survey_invitation WHERE member_id = ?", member)).isZero();
        assertThat(count("SELECT count(*) FROM survey_answer WHERE free_text IS NOT NULL")).isEqualTo(texts - 1);
        // the score and the choice still count, tied to nobody
        assertThat(count("SELECT count(*) FROM survey_response WHERE survey_id = ?", survey)).isEqualTo(responses);
        assertThat(count(ANONYMOUS)).isEqualTo(anonymous + 1);
        assertThat(world.queries().results(survey, null, null).nps().score()).isEqualTo(npsBefore);
        assertThat(world.queries().results(survey, null, null).questions().get(1).buckets().get(0).count()).isEqualTo(responses);
        assertThat(world.queries().responsesOf("C-gone")).isEmpty();
    }

    @Test
    void an_admin_erasure_is_audited_and_the_orders_already_asked_about_are_not_asked_about_again() throws Exception {
        long member = answeredEverything("C-admin");
        long mails = world.invitationMailsTo("C-admin").size();
        long texts = count("SELECT count(*) FROM survey_answer WHERE free_text IS NOT NULL");

        ApiClient.Reply erased = world.api(null, "DELETE", "/customers/C-admin/survey-data", null);
        assertThat(erased.status()).as(erased.text()).isEqualTo(200);
        assertThat(erased.json().at("/profileAnswers").asInt()).isEqualTo(2);
        assertThat(erased.json().at("/freeTextAnswers").asInt()).isEqualTo(1);
        assertThat(erased.json().at("/responsesAnonymised").asInt()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'surveys.erase-customer'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM profile_answer WHERE member_id = ?", member)).isZero();
        assertThat(count("SELECT count(*) FROM survey_answer WHERE free_text IS NOT NULL")).isEqualTo(texts - 1);
        assertThat(count("SELECT count(*) FROM survey_response WHERE member_id = ?", member)).isZero();

        // the customer still exists at the host: the next run must not mail them about the same order again
        world.runInvitations(tokyo(LIVE.plusDays(60), 10));
        assertThat(world.invitationMailsTo("C-admin")).hasSize((int) mails);
        assertThat(world.api(null, "DELETE", "/customers/C-nobody/survey-data", null).status()).isEqualTo(404);
    }

    @Test
    void a_shopper_erases_their_own_answers() throws Exception {
        long member = answeredEverything("C-self");
        assertThat(world.api("C-self", "GET", "/me/surveys", null).json().at("/answered/0/npsScore").asInt()).isEqualTo(3);

        assertThat(world.api("C-self", "DELETE", "/me/profile/answers", null).json().at("/erased").asInt()).isEqualTo(2);
        ApiClient.Reply surveys = world.api("C-self", "DELETE", "/me/survey-answers", null);
        assertThat(surveys.status()).isEqualTo(200);
        assertThat(surveys.json().at("/freeTextAnswers").asInt()).isEqualTo(1);

        assertThat(count("SELECT count(*) FROM profile_answer WHERE member_id = ?", member)).isZero();
        assertThat(world.api("C-self", "GET", "/me/surveys", null).json().at("/answered")).isEmpty();
        assertThat(world.api("C-self", "GET", "/me/profile/answers", null).json()).isEmpty();
    }
}
