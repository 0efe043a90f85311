package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.console.ShopperViews;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.loyalty.coupon.Campaigns;
import dev.kizuna.loyalty.coupon.CodeRequest;
import dev.kizuna.loyalty.rank.RankQueries;
import dev.kizuna.segment.SegmentQueries;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.profiling.CustomerProfiles;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import dev.kizuna.survey.profiling.ProfileQuestion;
import dev.kizuna.survey.profiling.ProfileQuestionAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration pages over real HTTP on a real database: forms refuse bad input beside the field and write
 * nothing, good input goes through the feature's service (and its audit log), POSTs without the CSRF token change
 * nothing, stored text renders as text, support sees personal answers masked; and the shopper views.
 */
class ConfigurationPagesTest {
    static ConsoleServer server;
    static WebClient admin;
    static WebClient marketer;
    static WebClient support;

    @BeforeAll
    static void start() {
        server = ConsoleServer.start();
        server.runtime.publisher().publish(new CustomerRegistered("ev-cfg-1", Instant.parse("2026-03-01T00:00:00Z"),
                "C-PII", "taro@example.jp", "<script>alert('t')</script> Taro", LocalDate.of(1985, 1, 2), "ja",
                Map.of("email", true)));
        admin = server.signedIn(ConsoleServer.ADMIN);
        marketer = server.signedIn(ConsoleServer.MARKETER);
        support = server.signedIn(ConsoleServer.SUPPORT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static <T> T port(Class<T> type) {
        return server.runtime.context().ports().require(type);
    }

    static long audited(String action) {
        return server.runtime.context().database().inTransaction(tx ->
                tx.sql().number("SELECT count(*) FROM audit_log WHERE action = ?", action));
    }

    static Map<String, String> gold(String code) {
        Map<String, String> f = new HashMap<>();
        f.put("code", code);
        // just above the shipped top rank, wherever other tests put their ranks
        f.put("level", Integer.toString(port(RankQueries.class).definitions().ranks().stream()
                .filter(r -> r.code().equals("DIAMOND")).findFirst().orElseThrow().level() + 1));
        f.put("name.ja", "ゴールド");
        f.put("name.en", "Gold");
        f.put("thresholds.points", "5000");
        f.put("thresholds.orders", "40");
        f.put("benefits.pointMultiplierPercent", "150");
        f.put("benefits.freeShippingThreshold", "3000");
        f.put("benefits.perks.ja", "先行セール\n限定クーポン");
        f.put("benefits.perks.en", "Early sales\nMember coupons");
        f.put("benefits.memberDiscountPercent", "4");
        f.put("benefits.memberDiscountByCategory", "sale=0\ntea = 6");
        return f;
    }

    @Test
    void a_rank_is_created_through_the_ranks_service_and_bad_input_shows_beside_its_field() {
        marketer.get("/crm/admin/ranks/new");
        Map<String, String> noMultiplier = gold("VIP");
        noMultiplier.put("benefits.pointMultiplierPercent", "");
        WebClient.Response refused = marketer.post("/crm/admin/ranks", noMultiplier);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"f-benefits-pointMultiplierPercent-error\"");

        Map<String, String> noThresholds = gold("VIP");
        noThresholds.remove("thresholds.points");
        noThresholds.remove("thresholds.orders");
        WebClient.Response ladder = marketer.post("/crm/admin/ranks", noThresholds);
        assertThat(ladder.status()).isEqualTo(400);
        assertThat(ladder.body()).contains("id=\"f-thresholds-error\"").contains("value=\"ゴールド\"");
        Map<String, String> badCategory = gold("VIP");
        badCategory.put("benefits.memberDiscountByCategory", "sale=120");
        WebClient.Response category = marketer.post("/crm/admin/ranks", badCategory);
        assertThat(category.status()).isEqualTo(400);
        assertThat(category.body()).contains("id=\"f-benefits-memberDiscountByCategory-error\"").contains("sale=120");
        assertThat(port(RankQueries.class).definitions().ranks()).noneMatch(r -> r.code().equals("VIP"));

        WebClient.Response created = marketer.post("/crm/admin/ranks", gold("VIP"));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        RankQueries.RankView diamond = port(RankQueries.class).definitions().ranks().stream()
                .filter(r -> r.code().equals("VIP")).findFirst().orElseThrow();
        assertThat(diamond.benefits().pointMultiplierPercent()).isEqualTo(150);
        assertThat(diamond.benefits().perks().en()).containsExactly("Early sales", "Member coupons");
        assertThat(diamond.benefits().memberDiscountPercent()).isEqualTo(4);
        assertThat(diamond.benefits().memberDiscountByCategory()).containsExactly(Map.entry("sale", 0), Map.entry("tea", 6));
        long logged = server.runtime.context().database().inTransaction(tx -> tx.sql().number(
                "SELECT count(*) FROM audit_log WHERE action = 'rank.create' AND subject = 'rank:VIP' AND actor = 'marketer'"));
        assertThat(logged).isEqualTo(1);

        WebClient.Response list = marketer.get("/crm/admin/ranks");
        assertThat(list.body()).contains("id=\"rank-VIP\"").contains("Early sales");
        assertThat(marketer.get("/crm/admin/ranks/VIP").body()).contains("sale=0\ntea=6");

        Map<String, String> edit = gold("VIP");
        edit.remove("level");
        edit.put("benefits.pointMultiplierPercent", "200");
        marketer.get("/crm/admin/ranks/VIP");
        assertThat(marketer.post("/crm/admin/ranks/VIP", edit).status()).isEqualTo(302);
        assertThat(port(RankQueries.class).definitions().ranks().stream().filter(r -> r.code().equals("VIP"))
                .findFirst().orElseThrow().benefits().pointMultiplierPercent()).isEqualTo(200);

        WebClient.Response badWindow = marketer.post("/crm/admin/ranks/settings",
                Map.of("windowMonths", "0", "downgradePolicy", "IMMEDIATELY"));
        assertThat(badWindow.status()).isEqualTo(400);
        assertThat(badWindow.body()).contains("id=\"f-windowMonths-error\"");
    }

    @Test
    void posts_without_the_csrf_token_change_no_configuration() {
        admin.get("/crm/admin/ranks/new");
        WebClient.Response rank = admin.postForm("/crm/admin/ranks", gold("BLACK"));
        assertThat(rank.status()).isEqualTo(403);
        assertThat(port(RankQueries.class).definitions().ranks()).noneMatch(r -> r.code().equals("BLACK"));

        WebClient.Response survey = admin.postForm("/crm/admin/surveys", Map.of("code", "sneaky", "name", "x",
                "title.ja", "x", "title.en", "x"));
        assertThat(survey.status()).isEqualTo(403);
        assertThat(port(SurveyAdmin.class).surveys()).noneMatch(s -> s.code().equals("sneaky"));

        WebClient.Response question = admin.postForm("/crm/admin/profile-questions", Map.of("key", "sneaky",
                "label.ja", "x", "label.en", "x", "type", "TEXT", "priority", "1", "active", "on"));
        assertThat(question.status()).isEqualTo(403);
        assertThat(port(ProfileQuestionAdmin.class).questions()).noneMatch(q -> q.key().equals("sneaky"));
    }

    @Test
    void a_survey_is_built_checked_previewed_published_and_exported() {
        marketer.get("/crm/admin/surveys/new");
        WebClient.Response badCode = marketer.post("/crm/admin/surveys", Map.of("code", "Bad Code", "name", "After delivery",
                "title.ja", "ご感想", "title.en", "Your feedback", "rewardPoints", "50"));
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.body()).contains("id=\"f-code-error\"");

        WebClient.Response created = marketer.post("/crm/admin/surveys", Map.of("code", "after-delivery",
                "name", "After delivery", "title.ja", "ご感想", "title.en", "Your feedback", "rewardPoints", "50"));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        String path = created.location().substring(created.location().indexOf("/crm/admin/surveys/"));
        long id = Long.parseLong(path.substring("/crm/admin/surveys/".length()));
        WebClient.Response builder = marketer.get(path);
        assertThat(builder.status()).isEqualTo(200);
        assertThat(builder.body()).contains("value=\"recommend\"");

        Map<String, String> design = new HashMap<>();
        design.put("title.ja", "ご感想");
        design.put("title.en", "Your feedback");
        design.put("questionCount", "1");
        design.put("questions[0].key", "recommend");
        design.put("questions[0].type", "NPS");
        design.put("questions[0].required", "on");
        design.put("questions[0].text.ja", "おすすめしますか？");
        design.put("questions[0].text.en", "Would you recommend us?");
        design.put("questions[1].key", "speed");
        design.put("questions[1].type", "SINGLE_CHOICE");
        design.put("questions[1].text.ja", "配達は？");
        design.put("questions[1].text.en", "How was delivery?");
        // choices are rows (key, Japanese, English), not typed syntax; empty rows are left out
        design.put("questions[1].choiceCount", "3");
        design.put("questions[1].choices[0].key", "fast");
        design.put("questions[1].choices[0].label.ja", "早い");
        design.put("questions[1].choices[0].label.en", "Fast");
        WebClient.Response oneChoice = marketer.post(path + "/draft", design);
        assertThat(oneChoice.status()).isEqualTo(400);
        assertThat(oneChoice.body()).contains("id=\"f-questions-1-choices-error\"").contains("How was delivery?")
                .contains("value=\"早い\"").doesNotContain("key | 日本語 | English");

        design.put("questions[1].choices[1].label.ja", "遅い");
        WebClient.Response noKey = marketer.post(path + "/draft", design);
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.body()).contains("id=\"f-questions-1-choices-1-key-error\"");
        assertThat(port(SurveyAdmin.class).survey(id).draft().questions()).hasSize(1);

        design.put("questions[1].choices[1].key", "slow");
        design.put("questions[1].choices[1].label.en", "Slow");
        design.put("questions[1].choices[2].key", "meh");
        design.put("questions[1].choices[2].label.ja", "ふつう");
        design.put("questions[1].choices[2].remove", "on");
        design.put("questions[1].showIf.question", "recommend");
        design.put("questions[1].showIf.anyOf", "0, 1, 2");
        WebClient.Response saved = marketer.post(path + "/draft", design);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        SurveyAdmin.SurveyDetail draft = port(SurveyAdmin.class).survey(id);
        assertThat(draft.draft().questions()).hasSize(2);
        assertThat(draft.draft().questions().get(1).showIf().anyOf()).containsExactly("0", "1", "2");
        assertThat(draft.draft().questions().get(1).choices()).extracting(c -> c.key()).containsExactly("fast", "slow");
        assertThat(marketer.get(path).body()).contains("name=\"questions[1].choices[1].label.ja\" value=\"遅い\"")
                .contains("name=\"questions[1].choices[3].key\"");

        WebClient.Response preview = marketer.get(path + "/preview?lang=en");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("How was delivery?").contains("Slow");

        marketer.get(path);
        assertThat(marketer.post(path + "/publish", Map.of()).status()).isEqualTo(302);
        assertThat(marketer.post(path + "/status", Map.of("status", "ACTIVE")).status()).isEqualTo(302);
        SurveyAdmin.SurveyDetail live = port(SurveyAdmin.class).survey(id);
        assertThat(live.publishedVersion()).isEqualTo(1);
        assertThat(live.status().name()).isEqualTo("ACTIVE");

        WebClient.Response results = marketer.get(path + "/results?from=2026-01-01&to=2026-12-31");
        assertThat(results.status()).as(results.body()).isEqualTo(200);
        assertThat(results.body()).contains("id=\"chart-nps-week\"").contains("id=\"export-csv\"");
        WebClient.Response badDate = marketer.get(path + "/results?from=yesterday");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body()).contains("id=\"f-from-error\"");

        long before = audited("survey.export");
        WebClient.Response csv = marketer.get(path + "/export.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("content-type").orElse("")).contains("text/csv");
        assertThat(audited("survey.export")).isEqualTo(before + 1);
    }

    @Test
    void profile_questions_are_validated_and_personal_answers_are_masked_for_support() {
        marketer.get("/crm/admin/profile-questions/new");
        assertThat(marketer.get("/crm/admin/profile-questions/new").body())
                .contains("name=\"options[0].key\"").contains("name=\"options[3].label.en\"")
                .doesNotContain("<textarea id=\"f-options\"");
        // options are rows (key, Japanese, English) like the survey builder's choices; empty rows are left out
        Map<String, String> colour = new HashMap<>(Map.of("key", "colour", "label.ja", "好きな色",
                "label.en", "Favourite colour", "type", "SINGLE_CHOICE", "priority", "10", "active", "on",
                "optionCount", "4", "options[0].key", "red", "options[0].label.ja", "赤", "options[0].label.en", "Red"));
        WebClient.Response oneOption = marketer.post("/crm/admin/profile-questions", colour);
        assertThat(oneOption.status()).isEqualTo(400);
        assertThat(oneOption.body()).contains("id=\"f-options-error\"").contains("value=\"赤\"");
        colour.put("options[2].label.ja", "青");
        WebClient.Response noKey = marketer.post("/crm/admin/profile-questions", colour);
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.body()).contains("id=\"f-options-2-key-error\"");
        colour.put("options[2].key", "Blue!");
        WebClient.Response badKey = marketer.post("/crm/admin/profile-questions", colour);
        assertThat(badKey.status()).isEqualTo(400);
        // the refusal names the second option as sent; it shows beside the third row it was typed into
        assertThat(badKey.body()).contains("id=\"f-options-2-key-error\"");
        assertThat(port(ProfileQuestionAdmin.class).questions()).noneMatch(q -> q.key().equals("colour"));
        colour.put("options[2].key", "blue");
        colour.put("options[2].label.en", "Blue");
        colour.put("options[3].key", "green");
        colour.put("options[3].label.ja", "緑");
        colour.put("options[3].remove", "on");
        WebClient.Response saved = marketer.post("/crm/admin/profile-questions", colour);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(port(ProfileQuestionAdmin.class).questions().stream().filter(q -> q.key().equals("colour"))
                .findFirst().orElseThrow().options()).extracting(o -> o.key()).containsExactly("red", "blue");
        assertThat(marketer.get("/crm/admin/profile-questions/colour").body())
                .contains("name=\"options[1].label.ja\" value=\"青\"").contains("name=\"options[3].key\"");

        WebClient.Response phone = marketer.post("/crm/admin/profile-questions", Map.of("key", "phone",
                "label.ja", "電話番号", "label.en", "Phone", "type", "TEXT", "priority", "900", "pii", "on", "active", "on"));
        assertThat(phone.status()).as(phone.body()).isEqualTo(302);
        assertThat(port(ProfileQuestionAdmin.class).questions()).anyMatch(q -> q.key().equals("phone") && q.pii());
        assertThat(audited("profile-question.create")).isEqualTo(2);
        assertThat(marketer.get("/crm/admin/profile-questions").body()).contains("id=\"profile-question-phone\"");

        port(CustomerProfiles.class).submit("C-PII", new CustomerProfiles.ProfileSubmission("account",
                List.of(new CustomerProfiles.AnswerInput("phone", List.of("090-1234-5678"))), List.of()));
        assertThat(admin.get("/crm/admin/customers/C-PII").body()).contains("090-1234-5678");
        WebClient.Response masked = support.get("/crm/admin/customers/C-PII");
        assertThat(masked.status()).isEqualTo(200);
        assertThat(masked.body()).contains("id=\"profile-answers\"").doesNotContain("090-1234-5678")
                .doesNotContain("taro@example.jp").doesNotContain("<script>alert");
    }

    @Test
    void stored_text_with_a_script_tag_renders_as_text_on_pages_and_in_shopper_views() {
        Map<String, String> evil = gold("EVIL");
        evil.put("name.ja", "<script>alert('r')</script>");
        evil.put("name.en", "<script>alert('r')</script>");
        evil.remove("level");
        evil.put("thresholds.points", "900000");
        evil.put("thresholds.orders", "900");
        admin.get("/crm/admin/ranks/new");
        assertThat(admin.post("/crm/admin/ranks", evil).status()).isEqualTo(302);
        WebClient.Response list = admin.get("/crm/admin/ranks");
        assertThat(list.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
        WebClient.Response dashboard = admin.get("/crm/admin/");
        assertThat(dashboard.body()).doesNotContain("<script>alert");

        String views = new ShopperViews(server.runtime).render("C-PII", Locale.ENGLISH);
        assertThat(views).contains("id=\"kz-my-rank\"").doesNotContain("<script>alert");
        WebClient.Response customer = admin.get("/crm/admin/customers/C-PII");
        assertThat(customer.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
    }

    @Test
    void segments_show_sizes_grid_and_deciles_and_export_a_segment_as_csv() {
        WebClient.Response overview = marketer.get("/crm/admin/segments");
        assertThat(overview.status()).as(overview.body()).isEqualTo(200);
        assertThat(overview.body()).contains("id=\"chart-rfm\"").contains("id=\"segment-sizes\"").contains("id=\"ltv-deciles\"");
        String key = port(SegmentQueries.class).sizes().segments().get(0).key();
        WebClient.Response members = marketer.get("/crm/admin/segments/" + key);
        assertThat(members.status()).as(members.body()).isEqualTo(200);
        assertThat(members.body()).contains("id=\"segment-members\"");
        long before = audited("segment.export");
        WebClient.Response csv = marketer.get("/crm/admin/segments/" + key + "/export.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("content-type").orElse("")).contains("text/csv");
        assertThat(audited("segment.export")).isEqualTo(before + 1);
        assertThat(marketer.get("/crm/admin/segments/no:such").status()).isEqualTo(404);
    }

    @Test
    void the_dashboard_shows_each_installed_feature_and_renders_in_both_languages() {
        WebClient.Response ja = marketer.get("/crm/admin/?lang=ja");
        assertThat(ja.status()).isEqualTo(200);
        assertThat(ja.body()).contains("id=\"chart-nps-trend\"").contains("id=\"chart-rfm\"")
                .contains("id=\"chart-members-by-rank\"").contains("id=\"chart-coupon-redemptions\"").contains("NPS の推移").doesNotContain("style=\"");
        WebClient.Response en = marketer.get("/crm/admin/?lang=en");
        assertThat(en.body()).contains("NPS trend");
    }

    @Test
    void the_shopper_rank_view_shows_benefits_and_progress_to_the_next_rank() {
        marketer.get("/crm/admin/ranks/new");
        Map<String, String> silver = gold("BRONZE");
        silver.put("name.ja", "ブロンズ");
        silver.put("name.en", "Bronze");
        silver.put("thresholds.points", "100");
        silver.put("thresholds.orders", "1");
        silver.put("level", "1");
        silver.put("benefits.pointMultiplierPercent", "120");
        WebClient.Response created = marketer.post("/crm/admin/ranks", silver);
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        String en = new ShopperViews(server.runtime, "/shop").render("C-PII", Locale.ENGLISH);
        assertThat(en).contains("id=\"kz-my-rank\"").contains("<progress").contains("/shop/crm/assets/shopper/shopper.css");
        String ja = new ShopperViews(server.runtime).render("my-rank", "C-PII", Locale.JAPANESE);
        assertThat(ja).contains("会員ランク");
    }

    @Test
    void granted_points_show_in_the_360_ledger_and_in_my_points() {
        server.runtime.publisher().publish(new CustomerRegistered("ev-cfg-2", Instant.parse("2026-03-02T00:00:00Z"),
                "C-PTS", "points@example.jp", "Points Person", null, "en", Map.of()));
        server.runtime.context().database().execute(tx -> port(RewardGranter.class).grant(tx,
                Members.find(tx, "C-PTS").orElseThrow(), 1234, "SURVEY", "r-1", "<b>thanks</b> for answering"));
        WebClient.Response page = support.get("/crm/admin/customers/C-PTS");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"points-ledger\"").contains("id=\"points-available\"")
                .contains("1,234").doesNotContain("<b>thanks");
        String mine = new ShopperViews(server.runtime).render("C-PTS", Locale.ENGLISH);
        assertThat(mine).contains("id=\"kz-my-points\"").contains("id=\"kz-points-available\">1,234<");
        String unknown = new ShopperViews(server.runtime).render("my-points", "C-NOBODY", Locale.JAPANESE);
        assertThat(unknown).contains("id=\"kz-points-available\">0<");
    }

    @Test
    void the_account_fragment_carries_the_profile_questions_widget_for_the_account_page() {
        port(ProfileQuestionAdmin.class).create(new ProfileQuestion("favourite_season",
                LocalizedText.of("好きな季節", "Favourite season"), ProfileAnswerType.SINGLE_CHOICE,
                List.of(new dev.kizuna.survey.profiling.ProfileOption("spring", LocalizedText.of("春", "Spring")),
                new dev.kizuna.survey.profiling.ProfileOption("autumn", LocalizedText.of("秋", "Autumn"))), null, null,
                1000, false, 0L,
                List.of(ShopperViews.ACCOUNT_PLACEMENT), null, 0, true), "test");
        server.runtime.publisher().publish(new CustomerRegistered("ev-cfg-3", Instant.parse("2026-03-03T00:00:00Z"),
                "C-WIDGET", "widget@example.jp", "Widget", null, "ja", Map.of()));
        String views = new ShopperViews(server.runtime).render("C-WIDGET", Locale.JAPANESE);
        assertThat(views).contains("class=\"kz-profile\"").contains("好きな季節").contains("id=\"kz-my-rank\"");
    }

    @Test
    void a_coupon_campaign_is_created_checked_and_gets_a_batch_of_codes_exported_as_csv() {
        Map<String, String> form = new HashMap<>();
        form.put("name.ja", "春のセール");
        form.put("name.en", "Spring sale");
        form.put("code", "SPRING10");
        form.put("discount.type", "PERCENT");
        form.put("discount.value", "150");
        form.put("minimumOrder", "3000");
        form.put("perCustomerLimit", "1");
        form.put("eligibility.type", "ALL");
        form.put("status", "LIVE");
        marketer.get("/crm/admin/coupons/new");
        WebClient.Response tooMuch = marketer.post("/crm/admin/coupons", form);
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("id=\"f-discount-value-error\"").contains("value=\"春のセール\"");
        Map<String, String> huge = new HashMap<>(form);
        huge.put("discount.value", "10");
        huge.put("totalLimit", "999999999999");
        WebClient.Response hugeLimit = marketer.post("/crm/admin/coupons", huge);
        assertThat(hugeLimit.status()).isEqualTo(400);
        assertThat(hugeLimit.body()).as("a real range, not the range of a long").contains("id=\"f-totalLimit-error\"")
                .contains("100,000,000").doesNotContain("4,611,686,018,427,387,903");
        assertThat(port(Campaigns.class).list()).noneMatch(c -> "SPRING10".equals(c.code()));

        WebClient.Response withoutToken = marketer.postForm("/crm/admin/coupons", form);
        assertThat(withoutToken.status()).isEqualTo(403);

        form.put("discount.value", "10");
        WebClient.Response created = marketer.post("/crm/admin/coupons", form);
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        String path = created.location().substring(created.location().indexOf("/crm/admin/coupons/"));
        long id = Long.parseLong(path.substring("/crm/admin/coupons/".length()));
        assertThat(port(Campaigns.class).get(id).code()).isEqualTo("SPRING10");
        WebClient.Response page = marketer.get(path);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"SPRING10\"").contains("id=\"campaign-statistics\"");

        WebClient.Response noCount = marketer.post(path + "/codes", Map.of("count", "0"));
        assertThat(noCount.status()).isEqualTo(400);
        assertThat(noCount.body()).contains("id=\"f-count-error\"");
        assertThat(marketer.post(path + "/codes", Map.of("count", "25")).status()).isEqualTo(302);
        WebClient.Response csv = marketer.get(path + "/codes.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("content-type").orElse("")).contains("text/csv");
        assertThat(csv.body().lines().count()).isGreaterThanOrEqualTo(25);
        assertThat(audited("campaign.codes")).isEqualTo(1);
        assertThat(audited("campaign.codes-export")).isEqualTo(1);
        assertThat(marketer.get("/crm/admin/coupons").body()).contains("id=\"campaign-" + id + "\"");
        assertThat(marketer.get("/crm/admin/coupons/birthday").status()).isEqualTo(200);

        server.runtime.publisher().publish(new CustomerRegistered("ev-cfg-4", Instant.parse("2026-03-04T00:00:00Z"),
                "C-COUPON", "coupon@example.jp", "Coupon Person", null, "en", Map.of()));
        String code = port(Campaigns.class).generateCodes(id, CodeRequest.assignTo(List.of("C-COUPON")), "test")
                .assigned().get(0).code();
        assertThat(support.get("/crm/admin/customers/C-COUPON").body()).contains("id=\"customer-coupons\"").contains(code);
        String mine = new ShopperViews(server.runtime).render("C-COUPON", Locale.ENGLISH);
        assertThat(mine).contains("id=\"kz-my-coupons\"").contains(code).contains("10% off").contains("Spring sale");
    }
}
