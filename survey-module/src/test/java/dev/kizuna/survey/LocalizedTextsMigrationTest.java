package dev.kizuna.survey;

import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.feedback.Question;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.profiling.ProfileQuestion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows written before V2 kept each text as a pair of fields ({@code titleJa}/{@code titleEn}); V2 rewrites them into
 * the shape the survey module reads now. The rows are written here in the old shape and the migration's own script
 * is run on them; the designs and options then read through the module's ports word for word.
 */
class LocalizedTextsMigrationTest {
    static final String OLD_DESIGN = """
            {"titleJa":"ご感想","titleEn":"Your feedback","introJa":"1分です","introEn":"","thanksJa":null,
             "thanksEn":null,"questions":[
              {"key":"nps","type":"NPS","required":true,"textJa":"すすめますか","textEn":"Recommend us?",
               "choices":[],"showIf":null},
              {"key":"why","type":"SINGLE_CHOICE","required":false,"textJa":"理由","textEn":"Why?",
               "choices":[{"key":"price","labelJa":"価格","labelEn":"Price"},{"key":"speed","labelJa":"速さ",
               "labelEn":"Speed"}],"showIf":{"question":"nps","anyOf":["0","1"]}}]}""";

    static SurveyWorld world;

    @BeforeAll
    static void start() {
        world = SurveyWorld.install();
    }

    @AfterAll
    static void close() {
        world.close();
    }

    static String migration() throws IOException {
        try (InputStream in = LocalizedTextsMigrationTest.class.getResourceAsStream(
                "/db/migration/surveys/V2__localized_texts.sql")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void designs_and_options_written_as_ja_en_pairs_read_the_same_after_v2() throws Exception {
        String script = migration();
        long surveyId = world.tx(tx -> {
            long id = tx.sql().one("""
                    INSERT INTO survey (code, name, status, draft, days_after_delivery, channel, sampling_percent,
                                        cooldown_days, link_valid_days, created_at, updated_at)
                    VALUES ('before-v2', 'Before V2', 'DRAFT', ?::jsonb, 7, 'ANY', 100, 90, 30, now(), now())
                    RETURNING id""", rs -> rs.getLong(1), OLD_DESIGN).orElseThrow();
            tx.sql().update("""
                    INSERT INTO survey_version (survey_id, version, design, published_at, published_by)
                    VALUES (?, 1, ?::jsonb, now(), 'tester')""", id, OLD_DESIGN);
            tx.sql().update("""
                    INSERT INTO profile_question (key, label_ja, label_en, answer_type, options, priority, pii,
                                                  ask_rule, created_at, updated_at)
                    VALUES ('tea', 'お好きなお茶', 'Favourite tea', 'SINGLE_CHOICE',
                            '[{"key":"sencha","labelJa":"煎茶","labelEn":"Sencha"},{"key":"matcha","labelJa":"抹茶","labelEn":" "}]',
                            10, false, 'SKIP_IF_KNOWN', now(), now())""");
            try (Statement s = tx.sql().connection().createStatement()) {
                s.execute(script);
            }
            return id;
        });

        SurveyAdmin.SurveyDetail survey = world.surveys().survey(surveyId);
        for (SurveyDesign d : new SurveyDesign[]{survey.draft(), survey.published()}) {
            assertThat(d.title()).isEqualTo(LocalizedText.of("ご感想", "Your feedback"));
            assertThat(d.intro().asMap()).as("a blank language is left out").containsOnlyKeys("ja");
            assertThat(d.thanks()).as("a text without any language is none").isNull();
            assertThat(d.questions()).extracting(Question::key).containsExactly("nps", "why");
            Question why = d.questions().get(1);
            assertThat(why.text().text(LocalizedText.EN)).isEqualTo("Why?");
            assertThat(why.choices()).extracting(c -> c.label().text(LocalizedText.JA)).containsExactly("価格", "速さ");
            assertThat(why.choices()).extracting(c -> c.label().text(LocalizedText.EN)).containsExactly("Price", "Speed");
            assertThat(why.showIf().anyOf()).containsExactly("0", "1");
            d.validate();
        }
        ProfileQuestion tea = world.questions().questions().stream().filter(q -> q.key().equals("tea")).findFirst()
                .orElseThrow();
        assertThat(tea.label()).isEqualTo(LocalizedText.of("お好きなお茶", "Favourite tea"));
        assertThat(tea.options()).extracting(o -> o.label().text(LocalizedText.JA)).containsExactly("煎茶", "抹茶");
        assertThat(tea.options().get(1).label().exactly(LocalizedText.EN)).isEmpty();
        assertThat(world.number(
                "SELECT count(*) FROM survey_version WHERE design -> 'titleJa' IS NOT NULL OR design::text LIKE '%labelJa%'"))
                .isZero();
    }
}
