package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.feedback.Choice;
import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.Question;
import dev.kizuna.survey.feedback.QuestionType;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.feedback.SurveySettings;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.invitation.SurveyInvitationJob;
import dev.kizuna.survey.results.SurveyQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 360° page of a survey respondent: a customer who answered a survey with one question of every type (NPS,
 * rating, single and multiple choice, free text) and one who answered only the NPS question; both pages open in
 * Japanese and in English and show each answer as the customer gave it, choices by their labels.
 */
class SurveyAnswersOnCustomerPageTest {
    static ConsoleServer server;
    static WebClient admin;
    static final FakeHost host = new FakeHost();

    @BeforeAll
    static void start() {
        server = ConsoleServer.start(host, Map.of());
        admin = server.signedIn(ConsoleServer.ADMIN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static <T> T port(Class<T> type) {
        return server.runtime.context().ports().require(type);
    }

    static SurveyDesign everyType() {
        return new SurveyDesign(LocalizedText.of("全種類アンケート", "Every kind survey"),
                LocalizedText.of("1分で終わります。", "It takes a minute."), null, List.of(
                new Question("nps", QuestionType.NPS, true, LocalizedText.of("おすすめしますか", "Would you recommend us"), null, null),
                new Question("rating", QuestionType.RATING, false, LocalizedText.of("配送の評価", "Rate the delivery"), null, null),
                new Question("reason", QuestionType.SINGLE_CHOICE, false, LocalizedText.of("決め手は", "Why us"),
                        List.of(new Choice("price", LocalizedText.of("価格", "Price")),
                                new Choice("quality", LocalizedText.of("品質", "Quality"))), null),
                new Question("likes", QuestionType.MULTIPLE_CHOICE, false, LocalizedText.of("好きな商品", "What you like"),
                        List.of(new Choice("sweets", LocalizedText.of("和菓子", "Sweets")),
                                new Choice("tea", LocalizedText.of("お茶", "Tea"))), null),
                new Question("comment", QuestionType.FREE_TEXT, false, LocalizedText.of("ご意見", "Comments"), null, null)));
    }

    @Test
    void a_respondent_page_opens_in_both_languages_with_every_kind_of_answer() {
        Instant now = server.runtime.context().clock().instant();
        SurveyAdmin surveys = port(SurveyAdmin.class);
        long id = surveys.create(new SurveyAdmin.NewSurvey("every-type", everyType(), new SurveySettings("Every type", 0,
                new InvitationTrigger(1, InvitationTrigger.Channel.ANY, List.of(), List.of(), 100, 0, 30))), "test").id();
        surveys.publish(id, "test");
        surveys.changeStatus(id, new SurveyAdmin.StatusChange(SurveyStatus.ACTIVE, now.minus(Duration.ofDays(30))), "test");

        answer("C-ALL", now, Map.of("nps", "9", "rating", "4", "reason", "quality", "likes", "sweets,tea",
                "comment", "包装が丁寧でした"));
        answer("C-NPS", now, Map.of("nps", "3"));

        for (String lang : List.of("ja", "en")) {
            WebClient.Response all = admin.get("/crm/admin/customers/C-ALL?lang=" + lang);
            assertThat(all.status()).as(lang + ": " + all.body()).isEqualTo(200);
            assertThat(all.body()).contains("id=\"section-answers\"").contains("包装が丁寧でした")
                    .contains(lang.equals("ja") ? "品質" : "Quality")
                    .contains(lang.equals("ja") ? "和菓子, お茶" : "Sweets, Tea")
                    .contains(lang.equals("ja") ? "配送の評価" : "Rate the delivery");
            WebClient.Response npsOnly = admin.get("/crm/admin/customers/C-NPS?lang=" + lang);
            assertThat(npsOnly.status()).as(lang + ": " + npsOnly.body()).isEqualTo(200);
            assertThat(npsOnly.body()).contains("id=\"section-answers\"")
                    .contains(lang.equals("ja") ? "おすすめしますか" : "Would you recommend us");
        }
    }

    /** The survey form posted as a browser does (a multiple choice sends its field once per ticked box). */
    static int post(String path, String form) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers {@code ref}, delivers an order two days ago, invites them and posts {@code answers} on the link. */
    static void answer(String ref, Instant now, Map<String, String> answers) {
        server.runtime.publisher().publish(new CustomerRegistered("ev-reg-" + ref, now.minus(Duration.ofDays(40)), ref,
                ref.toLowerCase() + "@example.jp", "山田 " + ref, null, "ja", Map.of("email", true)));
        host.contacts.put(ref, new HostPorts.Contact(ref.toLowerCase() + "@example.jp", "山田 " + ref, "ja"));
        String order = "O-" + ref;
        server.runtime.publisher().publish(new OrderSubmitted("ev-sub-" + ref, now.minus(Duration.ofDays(3)), order, ref,
                "JPY", OrderSubmitted.Channel.WEB, List.of(new OrderSubmitted.OrderLine("TEA-1", "tea", 1, 3_000, 0)),
                3_000, 0, 0, 0, 0, null, 3_000));
        server.runtime.publisher().publish(new OrderDelivered("ev-del-" + ref, now.minus(Duration.ofDays(2)), order));
        KizunaJob job = server.runtime.context().jobs().find(SurveyInvitationJob.NAME).orElseThrow();
        JobRuns.JobRun run = server.runtime.jobRuns().run(job, "manual", null);
        assertThat(run.status()).as(run.error()).isEqualTo(JobRunStatus.SUCCEEDED);

        SurveyQueries.PendingSurvey pending = port(SurveyQueries.class).pendingFor(ref).stream()
                .filter(p -> p.title().en().equals("Every kind survey")).findFirst().orElseThrow();
        String path = pending.link().substring(pending.link().indexOf("/crm/survey/"));
        WebClient shopper = server.client();
        WebClient.Response page = shopper.get(path);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page.body());
        assertThat(version.find()).isTrue();
        StringBuilder form = new StringBuilder("version=" + version.group(1) + "&lang=ja");
        answers.forEach((k, v) -> Arrays.stream(v.split(",")).forEach(one -> form.append("&q.").append(k).append('=')
                .append(URLEncoder.encode(one, StandardCharsets.UTF_8))));
        assertThat(post(path, form.toString())).isEqualTo(200);
    }
}
