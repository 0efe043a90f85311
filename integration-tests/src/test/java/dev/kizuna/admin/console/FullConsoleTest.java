package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleWalk;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.segment.SegmentQueries;
import dev.kizuna.segment.rfm.RfmSegmentDefinition;
import dev.kizuna.webhooks.Webhooks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;


import static org.assertj.core.api.Assertions.assertThat;

/** The console with every feature module dropped in: every module's menu entries, pages and sections. */
class FullConsoleTest {
    static ConsoleWalk walk;

    @BeforeAll
    static void boot() {
        walk = new ConsoleWalk();
    }

    @AfterAll
    static void stop() {
        walk.close();
    }

    @Test
    void every_module_contributes_its_menu_pages_and_sections() {
        assertThat(walk.modules()).contains("points", "ranks", "coupons", "surveys", "segments", "messaging", "console");
        assertThat(walk.menu()).containsExactly("dashboard", "customers", "points", "points-budgets", "ranks", "coupons", "birthday",
                "referrals", "surveys", "profile-questions", "segments", "messaging", "webhooks", "jobs", "audit", "users", "api-reference");
        assertThat(walk.visitEveryPage()).contains("/duplicates", "/points", "/points/budgets", "/ranks", "/coupons", "/referrals", "/surveys", "/profile-questions",
                "/segments", "/journey", "/messaging", "/webhooks", "/jobs", "/audit", "/users", "/api-reference");
        assertThat(walk.dashboardSections()).containsExactly("follow-ups", "duplicates", "ranks", "points", "liability", "coupons", "nps", "rfm", "jobs");
        assertThat(walk.customerSections()).containsExactly("profile", "rank", "points", "coupons", "segment", "answers",
                "messages", "timeline", "orders");
    }

    @Test
    void a_support_note_with_a_follow_up_shows_on_the_timeline_and_on_the_dashboard_of_the_staff_assigned() {
        walk.page("/customers/C-WALK?lang=en");
        WebClient.Response saved = walk.admin.post("/crm/admin/customers/C-WALK/notes", Map.of("note.channel", "PHONE",
                "note.topic", "DELIVERY", "note.text", "配達時間の変更を希望", "note.followUpOn",
                walk.server.runtime.context().clock().instant().atZone(walk.server.runtime.context().zone())
                        .toLocalDate().toString(), "note.assignedTo", "admin"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/customers/C-WALK#section-timeline");
        String timeline = walk.page("/customers/C-WALK?lang=en").body();
        assertThat(timeline).contains("Phone · Delivery: 配達時間の変更を希望").contains("Registered as a member");
        assertThat(walk.page("/customers/C-WALK?lang=ja&timelineKind=SUPPORT_NOTE").body())
                .contains("電話・配送：配達時間の変更を希望").doesNotContain("会員登録しました");
        String dashboard = walk.page("/?lang=en").body();
        assertThat(dashboard.substring(dashboard.indexOf("id=\"section-follow-ups\"")))
                .contains("配達時間の変更を希望").contains("C-WALK");
    }

    @Test
    void the_journey_page_refuses_a_year_past_2200_and_shows_the_default_window() {
        WebClient.Response page = walk.page("/journey?to=%2B294277-01-01&lang=ja");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("2200");
    }

    @Test
    void the_dashboards_charts_carry_their_figures_as_a_table_and_the_rfm_definitions_are_one_table() {
        String dashboard = walk.page("/?lang=ja").body();
        assertThat(dashboard).contains("id=\"chart-points-flow-data\"").contains("<details class=\"chart-data\"");
        String definitions = walk.page("/segments/definitions?lang=ja").body();
        assertThat(definitions).contains("id=\"rfm-definitions\"").contains("<th scope=\"col\">キー</th>")
                .doesNotContain("<fieldset class=\"rfm-row");
    }

    @Test
    void the_configured_earning_rules_hold_from_the_start_rather_than_from_an_epoch_date() {
        assertThat(walk.page("/points?lang=en").body()).contains("id=\"rules-effective-from\">From the start")
                .doesNotContain("1970");
        assertThat(walk.page("/points?lang=ja").body()).contains("id=\"rules-effective-from\">最初から")
                .doesNotContain("1970");
    }

    @Test
    void each_rank_benefit_is_listed_once() {
        String ja = walk.page("/ranks?lang=ja").body();
        assertThat(ja).contains("ゴールド以上限定クーポン").doesNotContain("ポイント1.5倍").doesNotContain("お誕生日に300ポイント");
        String en = walk.page("/ranks?lang=en").body();
        assertThat(en).contains("Coupons for Gold and above").doesNotContain("1.5× points");
    }


    @Test
    void every_job_is_named_described_and_reported_in_the_admins_language() {
        KizunaRuntime rt = walk.server.runtime;
        for (KizunaJob job : rt.context().jobs().all()) {
            JobRuns.JobRun run = rt.jobRuns().run(job, "manual", null);
            assertThat(run.status()).as(job.name() + ": " + run.error()).isEqualTo(JobRunStatus.SUCCEEDED);
        }
        String ja = walk.page("/jobs?lang=ja").body();
        String en = walk.page("/jobs?lang=en").body();
        Messages jaTexts = Messages.of(Messages.JA);
        Messages enTexts = Messages.of(Messages.EN);
        for (KizunaJob job : rt.context().jobs().all()) {
            String n = job.name();
            assertThat(ja).as(n).contains(jaTexts.text("job." + n + ".title"));
            assertThat(en).as(n).contains(enTexts.text("job." + n + ".title"));
            assertThat(row(ja, n)).as(n + " described in Japanese").doesNotContain(job.description());
            String outcome = cell(ja, "outcome-" + n);
            assertThat(outcome).as(n + " outcome").isNotBlank();
            assertThat(outcome).as(n + " outcome in Japanese").doesNotContainPattern("[A-Za-z]{4,}");
        }
        assertThat(cell(en, "outcome-rank-recalculation")).startsWith("Judged ");
    }

    static String row(String html, String job) {
        int start = html.indexOf("id=\"job-" + job + "\"");
        assertThat(start).as("row of " + job).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    static String cell(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\">");
        assertThat(start).as(id).isNotNegative();
        return html.substring(html.indexOf('>', start) + 1, html.indexOf("</td>", start));
    }

    @Test
    void a_customers_segment_movements_read_as_segment_names() {
        KizunaRuntime rt = walk.server.runtime;
        Instant now = rt.context().clock().instant();
        rt.publisher().publish(new CustomerRegistered("ev-rfm-reg", now.minus(Duration.ofDays(90)), "C-RFM",
                "rfm@example.jp", "山田 太郎", null, "ja", Map.of()));
        rt.publisher().publish(new OrderSubmitted("ev-rfm-order", now.minus(Duration.ofDays(20)), "O-RFM", "C-RFM", "JPY",
                OrderSubmitted.Channel.WEB, List.of(new OrderSubmitted.OrderLine("TEA-1", "tea", 2, 4_000, 0)),
                8_000, 0, 0, 0, 0, null, 8_000));
        rt.publisher().publish(new OrderDelivered("ev-rfm-delivered", now.minus(Duration.ofDays(18)), "O-RFM"));
        KizunaJob scoring = rt.context().jobs().find("rfm-scoring").orElseThrow();
        assertThat(rt.jobRuns().run(scoring, "manual", null).status()).isEqualTo(JobRunStatus.SUCCEEDED);

        SegmentQueries segments = rt.context().ports().require(SegmentQueries.class);
        String key = segments.customer("C-RFM").orElseThrow().history().get(0).to();
        RfmSegmentDefinition segment = segments.rfmDefinitions().stream()
                .filter(d -> key.equals(d.key()) || key.equals("rfm:" + d.key())).findFirst().orElseThrow();
        for (String lang : List.of("ja", "en")) {
            String page = walk.page("/customers/C-RFM?lang=" + lang).body();
            int table = page.indexOf("id=\"segment-history\"");
            assertThat(table).as("the movement history is shown").isNotNegative();
            String history = page.substring(table, page.indexOf("</table>", table));
            assertThat(history).contains(segment.name().text(lang)).doesNotContain(">" + key + "<");
        }
    }

    @Test
    void a_webhook_endpoint_shows_its_settings_in_words_and_a_disabled_one_is_noticed_on_the_dashboard() {
        KizunaRuntime rt = walk.server.runtime;
        // written directly: the walk's install allows no private endpoint and this machine resolves no public name
        long id = rt.context().database().inTransaction(tx -> tx.sql().number("""
                INSERT INTO webhook_subscription (url, event_types, include_pii, secret, status, created_at, created_by)
                VALUES ('https://hooks.example.com/kizuna', '{points.earned,rank.changed}', false, 'sealed', 'ACTIVE',
                        now(), 'admin') RETURNING id"""));
        Webhooks webhooks = rt.context().ports().require(Webhooks.class);
        try {
            String ja = walk.page("/webhooks/" + id + "?lang=ja").body();
            assertThat(ja).contains("ポイント獲得", "ランク変更", "有効").doesNotContain("points.earned<").doesNotContain(">ACTIVE<");
            assertThat(walk.page("/webhooks?lang=en").body()).contains("https://hooks.example.com/kizuna", "Points earned")
                    .doesNotContain("webhooks-disabled-notice");

            webhooks.disable(id, "admin");

            assertThat(walk.page("/?lang=en").body()).contains("webhooks-disabled-notice", "Disabled by an admin");
            assertThat(walk.page("/webhooks?lang=ja").body()).contains("停止中のWebhookが1件あります");
        } finally {
            webhooks.remove(id, "admin");
        }
        assertThat(walk.dashboardSections()).doesNotContain("webhooks");
    }
}
