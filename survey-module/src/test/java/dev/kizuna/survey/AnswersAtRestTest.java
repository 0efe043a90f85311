package dev.kizuna.survey;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.CustomerProfiles;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import dev.kizuna.survey.profiling.ProfileQuestion;
import dev.kizuna.survey.results.SurveyQueries;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What someone holding a copy of the database can read: free-text survey answers and personal profile answers are
 * ciphertext only, while the shopper and the console still read them back.
 */
class AnswersAtRestTest {
    static SurveyWorld world;

    @BeforeAll
    static void install() {
        world = SurveyWorld.install();
    }

    @AfterAll
    static void close() {
        world.close();
    }

    @Test
    void a_free_text_answer_is_stored_encrypted_and_read_back_decrypted() throws Exception {
        LocalDate live = LocalDate.of(2026, 2, 1);
        long survey = world.activeSurvey("at-rest", SurveyWorld.design(), SurveyWorld.trigger(5, 100, 0), 0,
                tokyo(live, 0));
        world.customer("C-text", "ja");
        Instant delivered = tokyo(live.plusDays(1), 10);
        world.deliveredOrder("C-text", delivered);
        world.runInvitations(delivered.plus(Duration.ofDays(5)).plusSeconds(60));
        String token = world.invitationMailsTo("C-text").get(0).token();
        String secret = "配達員の田中さんが玄関先で箱を落としました 090-1234-5678";
        long version = SurveyWorld.formVersion(world.open(token, null).html());
        assertThat(world.answer(token, version, "ja", Map.of("nps", List.of("4"), "reason", List.of("delivery"),
                "comment", List.of(secret))).status()).isEqualTo(200);

        String raw = world.rawTable("survey_answer");
        assertThat(raw).contains("delivery").doesNotContain("田中", "090-1234-5678", "玄関");
        assertThat(world.strings("SELECT free_text FROM survey_answer WHERE question_key = 'comment'"))
                .singleElement().asString().startsWith("v1.");
        assertThat(world.rawTable("audit_log") + world.rawTable("survey_response")).doesNotContain("田中");

        SurveyQueries.FreeTextPage found = world.queries().freeText(survey, "田中", null, null, 10);
        assertThat(found.answers()).extracting(SurveyQueries.FreeTextAnswer::text).containsExactly(secret);
        assertThat(world.queries().responsesOf("C-text").get(0).answers())
                .anySatisfy(a -> assertThat(a.text()).isEqualTo(secret));
    }

    @Test
    void personal_and_free_text_profile_answers_are_stored_encrypted_and_an_ordinary_one_in_clear_for_segments() throws Exception {
        world.questions().create(new ProfileQuestion("anniversary", LocalizedText.of("記念日", "Anniversary"), ProfileAnswerType.DATE,
                List.of(), null, null, 500, true, 0L, List.of(), AskRule.SKIP_IF_KNOWN, 0, true), "tester");
        world.questions().create(new ProfileQuestion("nickname", LocalizedText.of("ニックネーム", "Nickname"), ProfileAnswerType.TEXT,
                List.of(), null, null, 400, true, 0L, List.of(), AskRule.SKIP_IF_KNOWN, 0, true), "tester");
        world.questions().create(new ProfileQuestion("pets", LocalizedText.of("ペット", "Pets"), ProfileAnswerType.TEXT,
                List.of(), null, null, 300, false, 0L, List.of(), AskRule.SKIP_IF_KNOWN, 0, true), "tester");
        world.questions().create(new ProfileQuestion("household", LocalizedText.of("人数", "Household"), ProfileAnswerType.NUMBER,
                List.of(), null, null, 200, false, 0L, List.of(), AskRule.SKIP_IF_KNOWN, 0, true), "tester");
        long member = world.customer("C-pii", "ja");

        ApiClient.Reply saved = world.api("C-pii", "POST", "/me/profile/questions", """
                {"context":"account","answers":[{"key":"anniversary","values":["2011-07-14"]},
                 {"key":"nickname","values":["はなちゃん"]},{"key":"pets","values":["shiba"]},
                 {"key":"household","values":["3"]}]}""");
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);

        String raw = world.rawTable("profile_answer");
        assertThat(raw).as("free text is sealed even when not flagged as personal")
                .doesNotContain("2011", "07-14", "はなちゃん", "shiba");
        assertThat(world.rawTable("audit_log")).doesNotContain("はなちゃん", "2011-07-14");
        assertThat(world.strings("SELECT cipher_value FROM profile_answer WHERE question_key IN ('anniversary', 'nickname', 'pets')"))
                .hasSize(3).allSatisfy(c -> assertThat(c).startsWith("v1."));
        assertThat(world.strings("SELECT array_to_string(plain_values, ',') FROM profile_answer WHERE question_key = 'household'"))
                .containsExactly("3");

        // the shopper sees their own answers in clear
        ApiClient.Reply mine = world.api("C-pii", "GET", "/me/profile/answers", null);
        assertThat(mine.text()).contains("2011-07-14", "はなちゃん", "shiba");
        // personal and free-text answers are never segment criteria; ordinary ones are
        CustomerProfiles profiles = world.profiles();
        List<Long> household = world.tx(tx -> profiles.membersWithAnswer(tx, "household", "3", 0, 10));
        assertThat(household).containsExactly(member);
        assertThatThrownBy(() -> world.tx(tx -> profiles.membersWithAnswer(tx, "pets", "shiba", 0, 10)))
                .isInstanceOf(InvalidInput.class).hasFieldOrPropertyWithValue("key", "profiling.free-text-criterion");
        assertThat(world.api(null, "GET", "/profile-questions/stats", null).text()).doesNotContain("はなちゃん");
    }
}
