package dev.kizuna.survey;

import dev.kizuna.core.testing.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The survey builder and profiling through {@code /crm/api}: bad input is refused naming the field, nothing written. */
class SurveyApiTest {
    static SurveyWorld world;

    @BeforeAll
    static void install() {
        world = SurveyWorld.install();
    }

    @AfterAll
    static void close() {
        world.close();
    }

    static final String SURVEY = """
            {"code":"%s","settings":{"name":"After delivery","rewardPoints":50,
              "trigger":{"daysAfterDelivery":7,"samplingPercent":100,"cooldownDays":90,"linkValidDays":30}},
             "design":{"title":{"ja":"アンケート","en":"Survey"},"questions":[
               {"key":"nps","type":"NPS","required":true,"text":{"ja":"すすめますか","en":"Recommend us?"}},
               {"key":"why","type":"%s","required":false,"text":{"ja":"理由","en":"Why?"},
                "showIf":{"question":"nps","anyOf":["%s"]}}]}}""";

    static long written() {
        return world.number("SELECT (SELECT count(*) FROM survey) + (SELECT count(*) FROM survey_version) "
                + "+ (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM profile_question)");
    }

    static void refused(ApiClient.Reply reply, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().at("/field").asText()).as(reply.text()).isEqualTo(field);
    }

    @Test
    void a_survey_breaking_the_rules_is_refused_naming_the_field_and_nothing_is_written() throws Exception {
        long before = written();
        refused(world.api(null, "POST", "/surveys", SURVEY.formatted("bad-type", "SLIDER", "3")),
                "design.questions[1].type");
        refused(world.api(null, "POST", "/surveys", SURVEY.formatted("nps-eleven", "FREE_TEXT", "11")),
                "design.questions[1].showIf.anyOf[0]");
        // English is optional (English readers see the Japanese); Japanese is not
        refused(world.api(null, "POST", "/surveys", SURVEY.formatted("no-japanese", "FREE_TEXT", "3")
                .replace("\"ja\":\"すすめますか\"", "\"ja\":\" \"")), "design.questions[0].text.ja");
        refused(world.api(null, "POST", "/surveys", SURVEY.formatted("too-many-points", "FREE_TEXT", "3")
                .replace("\"rewardPoints\":50", "\"rewardPoints\":-1")), "settings.rewardPoints");
        refused(world.api(null, "POST", "/surveys", SURVEY.formatted("sampling", "FREE_TEXT", "3")
                .replace("\"samplingPercent\":100", "\"samplingPercent\":101")), "settings.trigger.samplingPercent");
        refused(world.api(null, "POST", "/surveys", SURVEY.formatted("Not Kebab", "FREE_TEXT", "3")), "code");
        assertThat(written()).isEqualTo(before);
        ApiClient.Reply japaneseOnly = world.api(null, "POST", "/surveys", SURVEY.formatted("japanese-only", "FREE_TEXT", "3")
                .replace("\"en\":\"Recommend us?\"", "\"en\":\" \""));
        assertThat(japaneseOnly.status()).as(japaneseOnly.text()).isEqualTo(201);
    }

    @Test
    void a_survey_is_built_published_and_activated_through_the_api() throws Exception {
        ApiClient.Reply created = world.api(null, "POST", "/surveys", SURVEY.formatted("built", "FREE_TEXT", "3"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().at("/id").asLong();
        assertThat(created.json().at("/status").asText()).isEqualTo("DRAFT");

        ApiClient.Reply early = world.api(null, "PUT", "/surveys/" + id + "/status", "{\"status\":\"ACTIVE\"}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().at("/code").asText()).isEqualTo("NOT_PUBLISHED");

        assertThat(world.api(null, "POST", "/surveys/" + id + "/publish", null).json().at("/publishedVersion").asInt())
                .isEqualTo(1);
        assertThat(world.api(null, "POST", "/surveys/" + id + "/publish", null).status()).isEqualTo(409);
        ApiClient.Reply live = world.api(null, "PUT", "/surveys/" + id + "/status", "{\"status\":\"ACTIVE\"}");
        assertThat(live.json().at("/status").asText()).isEqualTo("ACTIVE");
        assertThat(live.json().at("/invitesFrom").isMissingNode()).isFalse();

        // a draft that breaks a rule is refused, naming the field within the design
        refused(world.api(null, "PUT", "/surveys/" + id + "/draft", """
                {"title":{"ja":"t","en":"t"},"questions":[{"key":"nps","type":"NPS","required":true,"text":{"ja":"a",
                 "en":"b"}},{"key":"nps","type":"RATING","required":true,"text":{"ja":"a","en":"b"}}]}"""),
                "questions[1].key");

        ApiClient.Reply preview = world.api(null, "GET", "/surveys/" + id + "/preview?lang=en", null);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.text()).contains("Recommend us?", "This is a preview. Answers are not sent.", " disabled>");
    }

    @Test
    void profile_questions_and_answers_that_break_the_rules_are_refused_naming_the_field() throws Exception {
        long before = written();
        refused(world.api(null, "POST", "/profile-questions", """
                {"key":"colour","label":{"ja":"色","en":"Colour"},"type":"COLOUR","priority":10,"pii":false}"""), "type");
        refused(world.api(null, "POST", "/profile-questions", """
                {"key":"size","label":{"ja":"人数","en":"Size"},"type":"NUMBER","priority":1001,"pii":false}"""), "priority");
        assertThat(written()).isEqualTo(before);

        assertThat(world.api(null, "POST", "/profile-questions", """
                {"key":"household","label":{"ja":"ご家族の人数","en":"Household size"},"type":"NUMBER","min":1,"max":20,
                 "priority":10,"pii":false,"rewardPoints":10}""").status()).isEqualTo(201);
        assertThat(world.api(null, "POST", "/profile-questions", """
                {"key":"tea","label":{"ja":"お好きなお茶","en":"Favourite tea"},"type":"SINGLE_CHOICE","priority":5,
                 "pii":false,"options":[{"key":"sencha","label":{"ja":"煎茶","en":"Sencha"}},
                 {"key":"matcha","label":{"ja":"抹茶","en":"Matcha"}}]}""").status()).isEqualTo(201);
        world.customer("C-api", "ja");
        long member = world.memberId("C-api");

        refused(world.api("C-api", "POST", "/me/profile/questions", """
                {"answers":[{"key":"tea","values":["sencha"]},{"key":"household","values":["21"]}]}"""),
                "answers[1].values");
        refused(world.api("C-api", "POST", "/me/profile/questions", """
                {"answers":[{"key":"tea","values":[]}]}"""), "answers[0].values");
        refused(world.api("C-api", "POST", "/me/profile/questions", """
                {"answers":[{"key":"colour","values":["red"]}]}"""), "answers[0].key");
        refused(world.api("C-api", "POST", "/me/profile/questions", """
                {"answers":[{"key":"tea","values":["sencha","matcha"]}]}"""), "answers[0].values");
        assertThat(world.number("SELECT count(*) FROM profile_answer WHERE member_id = ?", member)).isZero();
        assertThat(world.rewards.calls).isEmpty();

        // the first answer to a rewarded question grants its points once
        ApiClient.Reply ok = world.api("C-api", "POST", "/me/profile/questions", """
                {"answers":[{"key":"household","values":["3.0"]}],"skips":["tea"]}""");
        assertThat(ok.json().at("/pointsGranted").asLong()).isEqualTo(10);
        assertThat(world.api("C-api", "POST", "/me/profile/questions", """
                {"answers":[{"key":"household","values":["4"]}]}""").json().at("/pointsGranted").asLong()).isZero();
        assertThat(world.rewards.pointsOf(member, "PROFILE")).isEqualTo(10);
        assertThat(world.strings("SELECT plain_values[1] FROM profile_answer WHERE member_id = ?", member))
                .containsExactly("4");
    }

    @Test
    void the_shopper_is_asked_in_their_language_through_the_api_and_the_widget() throws Exception {
        world.api(null, "POST", "/profile-questions", """
                {"key":"wrapping","label":{"ja":"ギフト包装をご希望ですか","en":"Would you like gift wrapping?"},
                 "type":"SINGLE_CHOICE","priority":999,"pii":false,"rewardPoints":5,
                 "options":[{"key":"yes","label":{"ja":"はい","en":"Yes"}},{"key":"no","label":{"ja":"いいえ","en":"No"}}]}""");
        ApiClient.Reply en = world.api("C-lang", "GET", "/me/profile/questions?lang=en&k=1", null);
        assertThat(en.status()).as(en.text()).isEqualTo(200);
        assertThat(en.json().get(0).at("/label").asText()).isEqualTo("Would you like gift wrapping?");
        assertThat(en.json().get(0).at("/options/0/label").asText()).isEqualTo("Yes");

        ApiClient.Reply ja = world.api("C-lang", "GET", "/me/profile/widget?lang=ja", null);
        assertThat(ja.text()).contains("lang=\"ja\"", "ギフト包装をご希望ですか", "回答で5ポイント", "今はスキップ");
        ApiClient.Reply enWidget = world.api("C-lang", "GET", "/me/profile/widget?lang=en", null);
        assertThat(enWidget.text()).contains("lang=\"en\"", "Would you like gift wrapping?", "5 points for answering",
                "Not now");
        assertThat(world.api(null, "GET", "/me/profile/questions", null).status()).isEqualTo(401);
    }
}
