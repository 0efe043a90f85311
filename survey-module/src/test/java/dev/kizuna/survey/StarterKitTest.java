package dev.kizuna.survey;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.feedback.Question;
import dev.kizuna.survey.feedback.QuestionType;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.profiling.ProfileQuestion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter kit a demo shop installs on every start: a live post-purchase survey and five profile questions. A
 * Kizuna per test: each starts from a shop without the kit.
 */
@KizunaTest(perMethod = true, config = SurveyWorld.BASE_URL)
class StarterKitTest {
    SurveyWorld world;

    @BeforeEach
    void world(KizunaRuntime kizuna, FakeHost host, ApiClient api) {
        world = SurveyWorld.on(kizuna, host, api);
    }

    @Test
    void a_new_shop_gets_nothing_until_it_installs_the_kit() {
        assertThat(world.surveys().surveys()).isEmpty();
        assertThat(world.questions().questions()).isEmpty();
    }

    @Test
    void installs_a_live_nps_survey_and_profile_questions_once_however_often_it_is_called() {
        StarterKit.Installed first = StarterKit.install(world.kizuna.context().ports());
        assertThat(first.surveyCreated()).isTrue();
        assertThat(first.questionsCreated()).hasSize(5);

        SurveyAdmin.SurveyDetail survey = world.surveys().survey(first.surveyId());
        assertThat(survey.code()).isEqualTo(StarterKit.SURVEY_CODE);
        assertThat(survey.status()).isEqualTo(SurveyStatus.ACTIVE);
        assertThat(survey.publishedVersion()).isEqualTo(1);
        assertThat(survey.published().questions()).extracting(Question::type)
                .containsExactly(QuestionType.NPS, QuestionType.MULTIPLE_CHOICE, QuestionType.FREE_TEXT);
        assertThat(survey.published().questions()).allSatisfy(q -> {
            assertThat(q.text().exactly(LocalizedText.JA)).hasValueSatisfying(t -> assertThat(t).isNotBlank());
            assertThat(q.text().exactly(LocalizedText.EN)).hasValueSatisfying(t -> assertThat(t).isNotBlank());
        });
        assertThat(survey.settings().rewardPoints()).isEqualTo(50);
        assertThat(survey.settings().trigger().daysAfterDelivery()).isEqualTo(7);
        assertThat(survey.settings().trigger().samplingPercent()).isEqualTo(100);
        assertThat(world.questions().questions()).filteredOn(ProfileQuestion::pii).isNotEmpty();

        // the merchant pauses the survey and retires a question; the next start keeps their choices
        world.surveys().changeStatus(first.surveyId(), new SurveyAdmin.StatusChange(SurveyStatus.PAUSED, null), "kanako");
        ProfileQuestion how = world.questions().questions().stream().filter(q -> q.key().equals("how_heard")).findFirst()
                .orElseThrow();
        world.questions().update("how_heard", new ProfileQuestion(how.key(), how.label(), how.type(),
                how.options(), how.min(), how.max(), how.priority(), how.pii(), how.rewardPoints(), how.placements(),
                how.askRule(), how.afterVisits(), false), "kanako");

        StarterKit.Installed again = StarterKit.install(world.kizuna.context().ports());
        assertThat(again).isEqualTo(new StarterKit.Installed(first.surveyId(), false, List.of()));
        assertThat(world.surveys().surveys()).hasSize(1);
        assertThat(world.surveys().survey(first.surveyId()).status()).isEqualTo(SurveyStatus.PAUSED);
        assertThat(world.surveys().survey(first.surveyId()).publishedVersion()).isEqualTo(1);
        assertThat(world.questions().questions()).hasSize(5).filteredOn(q -> !q.active())
                .extracting(ProfileQuestion::key).containsExactly("how_heard");
    }

    @Test
    void a_delivered_order_leads_to_one_mail_whose_link_earns_fifty_points_once() throws Exception {
        Instant start = SurveyWorld.tokyo(LocalDate.of(2026, 6, 1), 9);
        world.clock(start);
        StarterKit.install(world.kizuna.context().ports());
        long member = world.customer("C-demo", "ja");
        Instant delivered = start.plus(Duration.ofDays(2));
        world.deliveredOrder("C-demo", delivered);

        world.runInvitations(delivered.plus(Duration.ofDays(7)).plusSeconds(60));
        List<SurveyWorld.Mail> mails = world.invitationMails();
        assertThat(mails).hasSize(1);
        String token = mails.get(0).token();
        long version = SurveyWorld.formVersion(world.open(token, null).html());
        assertThat(world.answer(token, version, "ja", Map.of("nps", List.of("7"), "liked", List.of("quality", "price"),
                "improve", List.of("もっと種類を"))).html()).contains("50ポイント");
        assertThat(world.answer(token, version, "ja", Map.of("nps", List.of("10"))).status()).isEqualTo(410);
        assertThat(world.rewards.pointsOf(member, "SURVEY")).isEqualTo(50);
        assertThat(world.queries().results(StarterKit.install(world.kizuna.context().ports()).surveyId(), null, null)
                .nps().score()).isZero();
    }
}
