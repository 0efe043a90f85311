package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.loyalty.rank.RankQueries;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.profiling.ProfileQuestionAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's configuration forms as a merchant who writes only Japanese uses them: the English name is optional
 * (English pages show the Japanese), and a form posted empty or wrong shows every bad field's message at once.
 */
class ConsoleFormsTest {
    static ConsoleServer server;
    static WebClient marketer;

    @BeforeAll
    static void start() {
        server = ConsoleServer.start();
        marketer = server.signedIn(ConsoleServer.MARKETER);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static <T> T port(Class<T> type) {
        return server.runtime.context().ports().require(type);
    }

    @Test
    void ranks_surveys_and_profile_questions_need_no_english_name() {
        marketer.get("/crm/admin/ranks/new?lang=ja");
        assertThat(marketer.get("/crm/admin/ranks/new").body()).doesNotContain("name=\"name.en\" type=\"text\" value=\"\" required");
        WebClient.Response rank = marketer.post("/crm/admin/ranks", Map.of("code", "BLACK", "name.ja", "ブラック",
                "thresholds.points", "50000000", "thresholds.orders", "900000", "benefits.pointMultiplierPercent", "300"));
        assertThat(rank.status()).as(rank.body()).isEqualTo(302);
        assertThat(port(RankQueries.class).definitions().ranks().stream().filter(r -> r.code().equals("BLACK"))
                .findFirst().orElseThrow().name().en()).isEqualTo("ブラック");
        assertThat(marketer.get("/crm/admin/ranks?lang=en").body()).contains("ブラック");

        marketer.get("/crm/admin/surveys/new?lang=ja");
        WebClient.Response survey = marketer.post("/crm/admin/surveys", Map.of("code", "ja-only", "name", "和文のみ",
                "title.ja", "ご感想をお聞かせください", "rewardPoints", "0"));
        assertThat(survey.status()).as(survey.body()).isEqualTo(302);
        String path = survey.location().substring(survey.location().indexOf("/crm/admin/surveys/"));
        Map<String, String> design = new HashMap<>(Map.of("title.ja", "ご感想", "questionCount", "1",
                "questions[0].key", "recommend", "questions[0].type", "NPS", "questions[0].text.ja", "おすすめしますか？",
                "questions[1].key", "speed", "questions[1].type", "SINGLE_CHOICE", "questions[1].text.ja", "配達は？",
                "questions[1].choiceCount", "2"));
        design.putAll(Map.of("questions[1].choices[0].key", "fast", "questions[1].choices[0].label.ja", "早い",
                "questions[1].choices[1].key", "slow", "questions[1].choices[1].label.ja", "遅い"));
        WebClient.Response draft = marketer.post(path + "/draft", design);
        assertThat(draft.status()).as(draft.body()).isEqualTo(302);
        long id = Long.parseLong(path.substring("/crm/admin/surveys/".length()));
        assertThat(port(SurveyAdmin.class).survey(id).draft().questions().get(1).choices().get(1).label().en())
                .isEqualTo("遅い");
        assertThat(marketer.get(path + "/preview?lang=en").body()).contains("配達は？").contains("遅い");

        marketer.get("/crm/admin/profile-questions/new");
        WebClient.Response question = marketer.post("/crm/admin/profile-questions", Map.of("key", "tea",
                "label.ja", "好きなお茶", "type", "SINGLE_CHOICE", "priority", "10", "active", "on", "optionCount", "2",
                "options[0].key", "sencha", "options[0].label.ja", "煎茶",
                "options[1].key", "hojicha", "options[1].label.ja", "ほうじ茶"));
        assertThat(question.status()).as(question.body()).isEqualTo(302);
        assertThat(port(ProfileQuestionAdmin.class).questions().stream().filter(q -> q.key().equals("tea"))
                .findFirst().orElseThrow().label().en()).isEqualTo("好きなお茶");

        WebClient.Response noJapanese = marketer.post("/crm/admin/profile-questions", Map.of("key", "coffee",
                "label.en", "Coffee", "type", "TEXT", "priority", "10"));
        assertThat(noJapanese.status()).isEqualTo(400);
        assertThat(noJapanese.body()).contains("id=\"f-label-ja-error\"");
    }

    @Test
    void an_empty_rank_profile_question_or_survey_form_names_every_missing_field_at_once() {
        marketer.get("/crm/admin/ranks/new?lang=ja");
        WebClient.Response rank = marketer.post("/crm/admin/ranks", Map.of("benefits.pointMultiplierPercent", "",
                "thresholds.points", "-3"));
        assertThat(rank.status()).isEqualTo(400);
        assertThat(rank.body()).contains("id=\"f-code-error\"").contains("id=\"f-name-ja-error\"")
                .contains("id=\"f-benefits-pointMultiplierPercent-error\"").contains("id=\"f-thresholds-points-error\"")
                .contains("必須");

        marketer.get("/crm/admin/profile-questions/new");
        WebClient.Response question = marketer.post("/crm/admin/profile-questions", Map.of("type", "SINGLE_CHOICE",
                "priority", "", "optionCount", "2", "options[0].key", "a"));
        assertThat(question.status()).isEqualTo(400);
        assertThat(question.body()).contains("id=\"f-key-error\"").contains("id=\"f-label-ja-error\"")
                .contains("id=\"f-priority-error\"").contains("id=\"f-options-error\"")
                .contains("id=\"f-options-0-label-ja-error\"");
        assertThat(port(ProfileQuestionAdmin.class).questions()).noneMatch(q -> q.key() == null || q.key().equals("a"));

        marketer.get("/crm/admin/surveys/new");
        WebClient.Response survey = marketer.post("/crm/admin/surveys", Map.of("rewardPoints", "-1"));
        assertThat(survey.status()).isEqualTo(400);
        assertThat(survey.body()).contains("id=\"f-code-error\"").contains("id=\"f-name-error\"")
                .contains("id=\"f-title-ja-error\"").contains("id=\"f-rewardPoints-error\"");
        WebClient.Response created = marketer.post("/crm/admin/surveys", Map.of("code", "all-errors", "name", "全エラー",
                "title.ja", "ご感想", "rewardPoints", "0"));
        String path = created.location().substring(created.location().indexOf("/crm/admin/surveys/"));
        WebClient.Response design = marketer.post(path + "/draft", Map.of("questionCount", "2",
                "questions[0].type", "NPS", "questions[1].key", "speed", "questions[1].type", "FREE_TEXT",
                "questions[1].text.en", "Speed?"));
        assertThat(design.status()).isEqualTo(400);
        assertThat(design.body()).contains("id=\"f-title-ja-error\"").contains("id=\"f-questions-0-key-error\"")
                .contains("id=\"f-questions-0-text-ja-error\"").contains("id=\"f-questions-1-text-ja-error\"");
    }
}
