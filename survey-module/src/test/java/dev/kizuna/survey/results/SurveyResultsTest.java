package dev.kizuna.survey.results;

import dev.kizuna.core.testing.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.survey.SurveyWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.kizuna.survey.SurveyWorld.tokyo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results of a survey answered through its page: eight customers invited, six answered with NPS 10, 9, 9, 8, 6
 * and 2 (3 promoters, 1 passive, 2 detractors: NPS = 50 % − 33.3 % = 17).
 */
class SurveyResultsTest {
    static final LocalDate LIVE = LocalDate.of(2026, 5, 4);
    static SurveyWorld world;
    static long survey;

    @BeforeAll
    static void answered() throws Exception {
        world = SurveyWorld.install();
        survey = world.activeSurvey("results", SurveyWorld.design(), SurveyWorld.trigger(7, 100, 0), 0, tokyo(LIVE, 0));
        Instant delivered = tokyo(LIVE.plusDays(1), 10);
        for (int i = 0; i < 8; i++) {
            world.customer("C-r" + i, "ja");
            world.deliveredOrder("C-r" + i, delivered);
        }
        world.runInvitations(delivered.plus(Duration.ofDays(7)).plusSeconds(60));
        String[] scores = {"10", "9", "9", "8", "6", "2"};
        String[] reasons = {null, null, null, null, "price", "delivery"};
        String[] comments = {"=HYPERLINK(\"http://x\")", null, "包装がきれい", null, "ＰＲＩＣＥが高い", "届くのが遅い、箱も潰れていた"};
        for (int i = 0; i < scores.length; i++) {
            String token = world.invitationMailsTo("C-r" + i).get(0).token();
            Map<String, List<String>> answers = new HashMap<>();
            answers.put("nps", List.of(scores[i]));
            if (reasons[i] != null) {
                answers.put("reason", List.of(reasons[i]));
            }
            if (comments[i] != null) {
                answers.put("comment", List.of(comments[i]));
            }
            long version = SurveyWorld.formVersion(world.open(token, null).html());
            assertThat(world.answer(token, version, "ja", answers).status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void close() {
        world.close();
    }

    @Test
    void nps_is_promoters_minus_detractors_and_the_response_rate_counts_invitations_answered() {
        SurveyQueries.SurveyResults r = world.queries().results(survey, null, null);
        assertThat(r.invited()).isEqualTo(8);
        assertThat(r.responded()).isEqualTo(6);
        assertThat(r.responseRatePercent()).isEqualTo(75.0);
        assertThat(r.nps()).isEqualTo(new NpsScore(6, 3, 1, 2, 17));
        assertThat(r.byWeek()).singleElement().satisfies(w -> {
            assertThat(w.isoWeek()).isEqualTo("2026-W20");
            assertThat(w.nps().score()).isEqualTo(17);
        });
        assertThat(r.byRank()).singleElement().satisfies(k -> assertThat(k.rankCode()).isEqualTo("UNKNOWN"));

        SurveyQueries.QuestionResult nps = r.questions().get(0);
        assertThat(nps.answered()).isEqualTo(6);
        assertThat(nps.average()).isEqualTo(7.33);
        assertThat(nps.buckets()).filteredOn(b -> b.count() > 0).extracting(SurveyQueries.Bucket::value, SurveyQueries.Bucket::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2", 1L), org.assertj.core.groups.Tuple.tuple("6", 1L),
                        org.assertj.core.groups.Tuple.tuple("8", 1L), org.assertj.core.groups.Tuple.tuple("9", 2L),
                        org.assertj.core.groups.Tuple.tuple("10", 1L));
        SurveyQueries.QuestionResult reason = r.questions().get(1);
        assertThat(reason.buckets()).extracting(SurveyQueries.Bucket::value, SurveyQueries.Bucket::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("price", 1L),
                        org.assertj.core.groups.Tuple.tuple("quality", 0L), org.assertj.core.groups.Tuple.tuple("delivery", 1L));

        // a period without responses has none
        assertThat(world.queries().results(survey, LIVE.minusDays(30), LIVE.minusDays(1)).nps().score()).isNull();
    }

    @Test
    void the_results_page_of_the_api_shows_the_nps_and_the_trend() throws Exception {
        ApiClient.Reply reply = world.api(null, "GET", "/surveys/" + survey + "/results", null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.at("/nps/score").asInt()).isEqualTo(17);
        assertThat(body.at("/nps/promoters").asInt()).isEqualTo(3);
        assertThat(body.at("/responseRatePercent").asDouble()).isEqualTo(75.0);

        world.clock(tokyo(LIVE.plusDays(20), 12));
        ApiClient.Reply trend = world.api(null, "GET", "/surveys/nps-trend?weeks=4", null);
        assertThat(trend.status()).isEqualTo(200);
        assertThat(trend.json()).hasSize(4);
        assertThat(trend.json().get(2).at("/isoWeek").asText()).isEqualTo("2026-W20");
        assertThat(trend.json().get(2).at("/nps/score").asInt()).isEqualTo(17);
        assertThat(trend.json().get(0).at("/nps/responses").asInt()).isZero();
    }

    @Test
    void free_text_is_searched_after_normalising_width_and_case() {
        assertThat(world.queries().freeText(survey, "price", null, null, 10).answers())
                .extracting(SurveyQueries.FreeTextAnswer::text).containsExactly("ＰＲＩＣＥが高い");
        assertThat(world.queries().freeText(survey, "箱 遅い", "comment", null, 10).answers())
                .extracting(SurveyQueries.FreeTextAnswer::npsScore).containsExactly(2);
        SurveyQueries.FreeTextPage all = world.queries().freeText(survey, null, null, null, 2);
        assertThat(all.answers()).hasSize(2);
        assertThat(all.nextBefore()).isNotNull();
        SurveyQueries.FreeTextPage rest = world.queries().freeText(survey, null, null, all.nextBefore(), 10);
        assertThat(rest.answers()).hasSize(2);
        assertThat(rest.nextBefore()).isNull();
    }

    @Test
    void the_csv_export_has_one_row_per_response_and_defuses_formulas() throws Exception {
        ApiClient.Reply csv = world.api(null, "GET", "/surveys/" + survey + "/export.csv", null);
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.text().split("\r\n");
        assertThat(lines[0]).isEqualTo("\uFEFFresponse_id,submitted_at,version,customer_id,rank,locale,nps_category,nps,reason,comment,rating");
        assertThat(lines).hasSize(7);
        assertThat(csv.text()).contains(",C-r0,", "PROMOTER,10,,\"'=HYPERLINK(\"\"http://x\"\")\",", "DETRACTOR,2,delivery,",
                "届くのが遅い、箱も潰れていた");
        assertThat(world.number("SELECT count(*) FROM audit_log WHERE action = 'survey.export'")).isEqualTo(1);
    }
}
