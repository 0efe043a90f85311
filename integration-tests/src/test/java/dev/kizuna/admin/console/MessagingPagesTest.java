package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.testing.FakeHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messaging console's editing pages over real HTTP on a real database, in Japanese and English: the audience
 * builder counts who a message would reach (after a plain post, and through the API its script calls), bad rows
 * are refused beside their fields all at once with the values kept.
 */
class MessagingPagesTest {
    static ConsoleServer server;
    static WebClient admin;
    static WebClient marketer;
    static final FakeHost HOST = new FakeHost();

    @BeforeAll
    static void start() {
        // no quiet hours: the send must not depend on the hour the suite runs at (quiet hours: HoldoutTest)
        server = ConsoleServer.start(HOST, Map.of("kizuna.messaging.quiet-hours", ""));
        admin = server.signedIn(ConsoleServer.ADMIN);
        marketer = server.signedIn(ConsoleServer.MARKETER);
        customer("M-1", "ja", true, 150);
        customer("M-2", "en", true, 20);
        customer("M-3", "ja", false, 500);
        customer("M-4", "en", true, 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void customer(String ref, String locale, boolean optIn, long points) {
        server.runtime.publisher().publish(new CustomerRegistered("ev-" + ref, Instant.parse("2026-03-01T00:00:00Z"),
                ref, ref.toLowerCase(Locale.ROOT) + "@example.jp", "Member " + ref, null, locale, Map.of("mail", optIn)));
        // what a message says the customer is called comes from the host's contact details
        HOST.contacts.put(ref, new HostPorts.Contact(ref.toLowerCase(Locale.ROOT) + "@example.jp", "Member " + ref, locale));
        if (points > 0) {
            RewardGranter granter = server.runtime.context().ports().require(RewardGranter.class);
            server.runtime.context().database().execute(tx -> granter.grant(tx,
                    Members.find(tx, ref).orElseThrow(), points, "ADMIN", "grant-" + ref, "test"));
        }
    }

    static long count(String sql, Object... params) {
        return server.runtime.context().database().inTransaction(tx -> tx.sql().number(sql, params));
    }

    static void assertNoRawKeys(String body) {
        assertThat(body).doesNotContain("messaging.criterion").doesNotContain("messaging.match")
                .doesNotContain("messaging.broadcast").doesNotContain("messaging.journey").doesNotContain("???");
    }

    static String countShown(String body) {
        Matcher m = Pattern.compile("id=\"count-result\">([^<]*)<").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    @Test
    void the_audience_builder_counts_opted_in_customers_who_meet_the_criteria_after_a_plain_post() {
        WebClient.Response ja = admin.get("/crm/admin/messaging/audiences?lang=ja");
        assertThat(ja.status()).as(ja.body()).isEqualTo(200);
        assertThat(ja.body()).contains("id=\"audience-form\"").contains("ポイント残高が 値1 以上").contains("誕生月が")
                .contains("すべての条件を満たす").contains("messaging/audience.js")
                .contains("data-api=\"/crm/api/audiences/count\"");
        assertNoRawKeys(ja.body());
        WebClient.Response script = admin.get("/crm/assets/messaging/audience.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("data-api");

        Map<String, String> form = new HashMap<>();
        form.put("channel", "mail");
        form.put("c0", "pointsBalance");
        form.put("c0.a", "100");
        WebClient.Response counted = admin.post("/crm/admin/messaging/audiences?lang=ja", form);
        assertThat(counted.status()).as(counted.body()).isEqualTo(200);
        assertThat(countShown(counted.body())).as("M-1 only: M-3 has the points but never opted in")
                .isEqualTo("配信対象: 1 人");
        assertThat(counted.body()).contains("value=\"100\"");

        form.put("c0.not", "on");
        WebClient.Response excluded = marketer.post("/crm/admin/messaging/audiences?lang=en", form);
        assertThat(countShown(excluded.body())).isEqualTo("Customers it would reach: 2");

        Map<String, String> everyone = Map.of("channel", "mail");
        assertThat(countShown(marketer.post("/crm/admin/messaging/audiences?lang=en", everyone).body()))
                .isEqualTo("Customers it would reach: 3");

        Map<String, String> any = new HashMap<>();
        any.put("match", "any");
        any.put("c0", "pointsBalance");
        any.put("c0.a", "100");
        any.put("c1", "pointsBalance");
        any.put("c1.a", "10");
        assertThat(countShown(marketer.post("/crm/admin/messaging/audiences?lang=en", any).body()))
                .isEqualTo("Customers it would reach: 2");
        any.put("match", "all");
        assertThat(countShown(marketer.post("/crm/admin/messaging/audiences?lang=en", any).body()))
                .isEqualTo("Customers it would reach: 1");
    }

    @Test
    void the_count_the_builder_script_asks_for_comes_from_the_api_with_the_console_session() {
        admin.get("/crm/admin/messaging/audiences");
        String audience = URLEncoder.encode("{\"pointsBalance\":{\"atLeast\":100}}", StandardCharsets.UTF_8);
        WebClient.Response r = admin.get("/crm/api/audiences/count?channel=mail&audience=" + audience,
                Map.of("Accept", "application/json"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"count\":1");
    }

    @Test
    void bad_rows_are_refused_beside_their_fields_all_at_once_with_the_values_kept() {
        Map<String, String> form = new HashMap<>();
        form.put("c0", "pointsBalance");
        form.put("c0.a", "lots");
        form.put("c1", "ltvDecile");
        form.put("c1.a", "11");
        form.put("c2", "nothing-like-this");
        form.put("c3", "rank:NO-SUCH-RANK");
        WebClient.Response ja = admin.post("/crm/admin/messaging/audiences?lang=ja", form);
        assertThat(ja.status()).isEqualTo(400);
        assertThat(ja.body()).contains("id=\"f-c0-a-error\"").contains("id=\"f-c1-a-error\"")
                .contains("id=\"f-c2-error\"").contains("id=\"f-c3-error\"").contains("value=\"lots\"")
                .contains("一覧にない値です").doesNotContain("id=\"count-result\"");
        assertNoRawKeys(ja.body());
        WebClient.Response en = marketer.post("/crm/admin/messaging/audiences?lang=en", form);
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body()).contains("A whole number, please.").contains("Between 1 and 10, please.")
                .contains("Not a value on the list; pick again.");

        WebClient.Response json = marketer.post("/crm/admin/messaging/audiences?lang=en", Map.of("json", "{\"and\":[]}"));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.body()).contains("id=\"f-json-error\"");
    }

    static Map<String, String> broadcast(String action) {
        Map<String, String> f = new HashMap<>();
        f.put("action", action);
        f.put("name.ja", "秋のおすすめ");
        f.put("name.en", "Autumn picks");
        f.put("channel", "mail");
        f.put("purpose", "marketing");
        f.put("c0", "pointsBalance");
        f.put("c0.a", "10");
        f.put("subject.ja", "${name}様、${points}ポイントあります");
        f.put("subject.en", "${name}, you have ${points} points");
        f.put("body.ja", "<p>${name}様 ポイント: ${points}</p>");
        f.put("body.en", "<p>Dear ${name}, points: ${points}</p>");
        f.put("holdoutPercent", "0");
        f.put("conversionDays", "7");
        f.put("couponValidDays", "30");
        return f;
    }

    record OutboxMail(String to, String template, String subject) {
    }

    static java.util.List<OutboxMail> outbox() {
        return server.runtime.context().database().inTransaction(tx -> server.runtime.context().mail().newest(tx, 500, 0))
                .stream().map(m -> new OutboxMail(m.to(), m.template(), m.subject())).toList();
    }

    static long idFrom(WebClient.Response r) {
        Matcher m = Pattern.compile("/messaging/broadcasts/(\\d+)$").matcher(r.location());
        assertThat(m.find()).as(r.location()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void a_bad_broadcast_shows_every_error_at_once_keeps_the_values_and_saves_nothing() {
        long before = count("SELECT count(*) FROM broadcast");
        Map<String, String> bad = broadcast("schedule");
        bad.remove("name.en");
        bad.remove("subject.ja");
        bad.put("body.en", "<p>${name</p>");
        bad.put("holdoutPercent", "80");
        bad.put("couponCampaignId", "999999");
        bad.put("c0.a", "many");
        WebClient.Response ja = admin.post("/crm/admin/messaging/broadcasts?lang=ja", bad);
        assertThat(ja.status()).isEqualTo(400);
        assertThat(ja.body()).contains("id=\"f-name-en-error\"").contains("id=\"f-subject-ja-error\"")
                .contains("id=\"f-holdoutPercent-error\"").contains("id=\"f-couponCampaignId-error\"")
                .contains("id=\"f-sendAt-error\"").contains("id=\"f-c0-a-error\"")
                .contains("value=\"秋のおすすめ\"").contains("value=\"many\"").contains("予約するには配信日時を入力してください");
        assertNoRawKeys(ja.body());
        WebClient.Response en = marketer.post("/crm/admin/messaging/broadcasts?lang=en", bad);
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body()).contains("Required.").contains("Between 0 and 50, please.")
                .contains("To schedule, give the date and time to send.");

        Map<String, String> badTemplate = broadcast("draft");
        badTemplate.put("body.en", "<p>${name</p>");
        WebClient.Response template = marketer.post("/crm/admin/messaging/broadcasts?lang=en", badTemplate);
        assertThat(template.status()).isEqualTo(400);
        assertThat(template.body()).contains("id=\"f-body-en-error\"").contains("&lt;p&gt;${name&lt;/p&gt;");
        assertThat(count("SELECT count(*) FROM broadcast")).isEqualTo(before);
    }

    @Test
    void a_broadcast_is_saved_previewed_for_a_real_customer_test_sent_through_the_outbox_and_sent_with_its_report() {
        WebClient.Response coupon = admin.post("/crm/admin/coupons", Map.of("name.ja", "秋クーポン", "name.en", "Autumn coupon",
                "discount.type", "PERCENT", "discount.value", "10", "eligibility.type", "ALL", "minimumOrder", "0",
                "status", "LIVE"));
        assertThat(coupon.status()).as(coupon.body()).isEqualTo(302);
        WebClient.Response form = admin.get("/crm/admin/messaging/broadcasts/new?lang=ja");
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("秋クーポン").contains("（クーポンなし）").contains("type=\"datetime-local\"")
                .contains("Asia/Tokyo");
        assertNoRawKeys(form.body());
        String couponId = Pattern.compile("<option value=\"(\\d+)\">秋クーポン").matcher(form.body()).results()
                .map(m -> m.group(1)).findFirst().orElseThrow();

        Map<String, String> draft = broadcast("draft");
        draft.put("couponCampaignId", couponId);
        WebClient.Response saved = admin.post("/crm/admin/messaging/broadcasts?lang=ja", draft);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        long id = idFrom(saved);
        WebClient.Response page = admin.get("/crm/admin/messaging/broadcasts/" + id + "?lang=ja");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("下書き").contains("10 ポイント以上").contains("秋クーポン")
                .contains("id=\"broadcast-send-now\"").contains("id=\"chart-broadcast-outcomes\"");
        assertNoRawKeys(page.body());

        WebClient.Response preview = admin.get("/crm/admin/messaging/broadcasts/" + id + "?lang=ja&q=M-1");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).contains("id=\"preview-subject\">Member M-1様、150ポイントあります<");
        WebClient.Response english = admin.get("/crm/admin/messaging/broadcasts/" + id + "?lang=en&q=m-2@example.jp");
        assertThat(english.body()).as("in the customer's language").contains("id=\"preview-subject\">Member M-2, you have 20 points<");
        assertThat(admin.get("/crm/admin/messaging/broadcasts/" + id + "?lang=en&q=nobody-like-this").body())
                .contains("No customer found.");

        WebClient.Response noAddress = admin.post("/crm/admin/messaging/broadcasts/" + id + "/test?lang=en",
                Map.of("testAddress", "not-an-address"));
        assertThat(noAddress.status()).isEqualTo(400);
        assertThat(noAddress.body()).contains("id=\"f-testAddress-error\"").contains("An e-mail address, please.");
        // a test carries a real customer's data, so it goes only to the shop's own domain (the sender's, by default)
        long before = count("SELECT count(*) FROM mail_outbox WHERE template = 'messaging-test'");
        WebClient.Response outside = admin.post("/crm/admin/messaging/broadcasts/" + id + "/test?lang=ja",
                Map.of("testAddress", "someone@mail.example.com", "testCustomer", "M-1"));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body()).contains("id=\"f-testAddress-error\"")
                .contains("テストメールはショップのアドレスにだけ送れます：@example.jp");
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE template = 'messaging-test'")).isEqualTo(before);
        WebClient.Response test = admin.post("/crm/admin/messaging/broadcasts/" + id + "/test?lang=ja",
                Map.of("testAddress", "staff@shop.example.jp", "testCustomer", "M-1"));
        assertThat(test.status()).as(test.body()).isEqualTo(302);
        assertThat(outbox()).contains(new OutboxMail("staff@shop.example.jp", "messaging-test",
                "【テスト】Member M-1様、150ポイントあります"));
        assertThat(count("SELECT count(*) FROM message WHERE source = 'BROADCAST' AND campaign_id = ?", id))
                .as("a test is no message of the broadcast").isZero();

        WebClient.Response edit = admin.get("/crm/admin/messaging/broadcasts/" + id + "/edit?lang=en");
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        assertThat(edit.body()).contains("value=\"Autumn picks\"").contains("value=\"10\"")
                .contains("<option value=\"pointsBalance\" selected").contains("<option value=\"" + couponId + "\" selected");
        Map<String, String> changed = new HashMap<>(draft);
        changed.put("name.en", "Autumn favourites");
        changed.put("body.ja", "");
        WebClient.Response refusedEdit = admin.post("/crm/admin/messaging/broadcasts/" + id + "?lang=en", changed);
        assertThat(refusedEdit.status()).isEqualTo(400);
        assertThat(refusedEdit.body()).contains("id=\"f-body-ja-error\"").contains("value=\"Autumn favourites\"");
        assertThat(count("SELECT count(*) FROM broadcast WHERE id = ? AND name->>'en' = 'Autumn picks'", id)).isEqualTo(1);
        changed.put("body.ja", "<p>${name}様 ポイント: ${points}</p>");
        assertThat(admin.post("/crm/admin/messaging/broadcasts/" + id + "?lang=en", changed).status()).isEqualTo(302);
        assertThat(count("SELECT count(*) FROM broadcast WHERE id = ? AND name->>'en' = 'Autumn favourites'", id)).isEqualTo(1);

        WebClient.Response send = admin.post("/crm/admin/messaging/broadcasts/" + id + "/send?lang=ja", Map.of());
        assertThat(send.status()).isEqualTo(302);
        var job = server.runtime.context().jobs().find("broadcast-send").orElseThrow();
        assertThat(server.runtime.jobRuns().run(job, "manual", null).status().name()).isEqualTo("SUCCEEDED");
        assertThat(outbox().stream().filter(m -> m.template().equals("messaging")).map(OutboxMail::to))
                .contains("m-1@example.jp", "m-2@example.jp").doesNotContain("m-3@example.jp", "m-4@example.jp");
        WebClient.Response sent = admin.get("/crm/admin/messaging/broadcasts/" + id + "?lang=en");
        assertThat(sent.body()).contains("id=\"broadcast-status\">Sent<").doesNotContain("id=\"broadcast-send-now\"")
                .doesNotContain("id=\"broadcast-edit\"")
                .contains("2 personal codes issued").contains("id=\"chart-broadcast-conversions\"");
        assertNoRawKeys(sent.body());
        WebClient.Response again = admin.post("/crm/admin/messaging/broadcasts/" + id + "/send?lang=en", Map.of());
        assertThat(again.status()).isEqualTo(302);
        assertThat(admin.get("/crm/admin/messaging/broadcasts/" + id + "?lang=en").body())
                .contains("This broadcast is already being sent or was sent.");
    }

    @Test
    void a_broadcast_is_scheduled_in_shop_time() {
        Map<String, String> f = broadcast("schedule");
        f.put("sendAt", "2031-05-01T09:30");
        WebClient.Response r = marketer.post("/crm/admin/messaging/broadcasts?lang=en", f);
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        long id = idFrom(r);
        assertThat(count("SELECT count(*) FROM broadcast WHERE id = ? AND status = 'SCHEDULED' AND send_at = ?::timestamptz",
                id, "2031-05-01T09:30:00+09:00")).isEqualTo(1);
        assertThat(marketer.get("/crm/admin/messaging/broadcasts/" + id + "?lang=ja").body()).contains("予約済み")
                .contains("2031");
        Map<String, String> past = broadcast("schedule");
        past.put("sendAt", "2001-01-01T09:00");
        WebClient.Response refused = marketer.post("/crm/admin/messaging/broadcasts?lang=en", past);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("This time has already passed.");
    }

    static long journeyId(String key) {
        return count("SELECT id FROM journey WHERE key = ?", key);
    }

    static String steps(long id) {
        return server.runtime.context().database().inTransaction(tx -> tx.sql()
                .one("SELECT steps::text FROM journey WHERE id = ?", rs -> rs.getString(1), id).orElseThrow());
    }

    /** The journey's form as its page fills it in (hidden and shown fields alike), ready to be changed and posted. */
    static Map<String, String> journeyForm(WebClient client, long id) {
        String body = client.get("/crm/admin/messaging/journeys/" + id + "?lang=en").body();
        String form = body.substring(body.indexOf("id=\"journey-form\""), body.indexOf("id=\"journey-save\""));
        Map<String, String> f = new HashMap<>();
        Matcher inputs = Pattern.compile("<input id=\"[^\"]*\" name=\"([^\"]+)\" type=\"(?:text|number)\" value=\"([^\"]*)\"")
                .matcher(form);
        while (inputs.find()) {
            f.put(inputs.group(1), unescape(inputs.group(2)));
        }
        Matcher checked = Pattern.compile("name=\"([^\"]+)\" type=\"checkbox\" checked").matcher(form);
        while (checked.find()) {
            f.put(checked.group(1), "on");
        }
        Matcher areas = Pattern.compile("name=\"([^\"]+)\" rows=\"\\d+\"[^>]*>([^<]*)</textarea>")
                .matcher(form);
        while (areas.find()) {
            f.put(areas.group(1), unescape(areas.group(2)));
        }
        Matcher selects = Pattern.compile("name=\"([^\"]+)\"[^>]*>\\s*(?:<option[^>]*>[^<]*</option>|<optgroup[^>]*>|</optgroup>|\\s)*?<option value=\"([^\"]*)\" selected")
                .matcher(form);
        while (selects.find()) {
            f.put(selects.group(1), selects.group(2));
        }
        f.values().removeIf(String::isEmpty);
        return f;
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    @Test
    void a_shipped_journey_is_shown_as_a_flow_edited_previewed_test_sent_and_switched_on_and_off() {
        long id = journeyId("cart-reminder");
        WebClient.Response ja = admin.get("/crm/admin/messaging/journeys/" + id + "?lang=ja");
        assertThat(ja.status()).as(ja.body()).isEqualTo(200);
        assertThat(ja.body()).contains("id=\"journey-steps\"").contains("ステップ 1").contains("ステップ 2")
                .contains("ステップを追加").contains("カートに商品が残っています").contains("id=\"chart-journey-outcomes\"")
                .contains("オフ");
        assertNoRawKeys(ja.body());
        assertNoRawKeys(admin.get("/crm/admin/messaging/journeys/" + id + "?lang=en").body());
        Map<String, String> form = journeyForm(admin, id);
        assertThat(form).containsEntry("s0.wait", "1").containsEntry("s0.unit", "HOURS")
                .containsEntry("s1.wait", "23").containsEntry("exitOnOrder", "on").containsEntry("trigger", "CART_ABANDONED");

        String stored = steps(id);
        Map<String, String> bad = new HashMap<>(form);
        bad.remove("name.ja");
        bad.remove("s0.subject.en");
        bad.put("s1.wait", "-1");
        bad.put("s1.body.ja", "<p>${name</p>");
        bad.put("s1.c0", "pointsExpiringWithinDays");
        bad.put("s1.c0.a", "0");
        WebClient.Response refused = admin.post("/crm/admin/messaging/journeys/" + id + "?lang=ja", bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"f-name-ja-error\"").contains("id=\"f-s0-subject-en-error\"")
                .contains("id=\"f-s1-wait-error\"").contains("id=\"f-s1-body-ja-error\"").contains("id=\"f-s1-c0-a-error\"")
                .contains("&lt;p&gt;${name&lt;/p&gt;");
        assertThat(steps(id)).as("nothing written").isEqualTo(stored);

        Map<String, String> edit = new HashMap<>(form);
        edit.put("s0.subject.ja", "${name}様、カートに商品があります");
        edit.put("s1.wait", "2");
        edit.put("s1.unit", "DAYS");
        edit.put("s1.c0", "pointsBalance");
        edit.put("s1.c0.a", "1");
        edit.put("s2.wait", "3");
        edit.put("s2.unit", "DAYS");
        edit.put("s2.subject.ja", "最後のお知らせ");
        edit.put("s2.subject.en", "Last call");
        edit.put("s2.body.ja", "<p>カートの商品はまもなく在庫切れです</p>");
        edit.put("s2.body.en", "<p>Your cart will not wait much longer</p>");
        WebClient.Response saved = admin.post("/crm/admin/messaging/journeys/" + id + "?lang=ja", edit);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        WebClient.Response after = admin.get("/crm/admin/messaging/journeys/" + id + "?lang=ja");
        assertThat(after.body()).contains("ステップ 3").contains("1 ポイント以上").contains("id=\"flash\"");
        assertThat(journeyForm(admin, id)).containsEntry("s1.wait", "2").containsEntry("s1.unit", "DAYS")
                .containsEntry("s2.wait", "3");
        assertThat(steps(id)).contains("PT48H").contains("PT72H").contains("pointsBalance");

        WebClient.Response preview = admin.get("/crm/admin/messaging/journeys/" + id + "?lang=ja&step=0&q=M-1");
        assertThat(preview.body()).contains("id=\"preview-subject\">Member M-1様、カートに商品があります<");
        WebClient.Response test = admin.post("/crm/admin/messaging/journeys/" + id + "/test?lang=en",
                Map.of("testStep", "2", "testAddress", "crm@shop.example.jp"));
        assertThat(test.status()).as(test.body()).isEqualTo(302);
        assertThat(outbox()).contains(new OutboxMail("crm@shop.example.jp", "messaging-test", "[TEST] Last call"));
        WebClient.Response noAddress = admin.post("/crm/admin/messaging/journeys/" + id + "/test?lang=en",
                Map.of("testStep", "0", "testAddress", ""));
        assertThat(noAddress.status()).isEqualTo(400);
        assertThat(noAddress.body()).contains("id=\"f-testAddress-error\"").contains("value=\"Cart reminder\"");

        Map<String, String> removed = journeyForm(admin, id);
        removed.put("s2.remove", "on");
        assertThat(admin.post("/crm/admin/messaging/journeys/" + id, removed).status()).isEqualTo(302);
        assertThat(steps(id)).doesNotContain("PT72H");

        assertThat(admin.post("/crm/admin/messaging/journeys/" + id + "/active", Map.of("active", "on")).status())
                .isEqualTo(302);
        assertThat(count("SELECT count(*) FROM journey WHERE id = ? AND active", id)).isEqualTo(1);
        assertThat(admin.get("/crm/admin/messaging/journeys/" + id + "?lang=en").body()).contains("id=\"journey-off\"");
        assertThat(admin.post("/crm/admin/messaging/journeys/" + id + "/active", Map.of()).status()).isEqualTo(302);
        assertThat(count("SELECT count(*) FROM journey WHERE id = ? AND active", id)).isZero();
        assertThat(steps(id)).as("switching leaves the steps").contains("PT48H");
    }

    @Test
    void a_new_journey_is_refused_beside_every_bad_field_then_created_switched_off() {
        WebClient.Response ja = marketer.get("/crm/admin/messaging/journeys/new?lang=ja");
        assertThat(ja.status()).as(ja.body()).isEqualTo(200);
        assertThat(ja.body()).contains("新しいジャーニー").contains("会員登録").contains("ステップ 3");
        assertNoRawKeys(ja.body());
        Map<String, String> bad = new HashMap<>();
        bad.put("name.ja", "誕生月のごあいさつ");
        bad.put("trigger", "BIRTHDAY_MONTH");
        bad.put("s0.wait", "0");
        bad.put("s0.unit", "HOURS");
        bad.put("s0.subject.ja", "お誕生月おめでとうございます");
        bad.put("s0.subject.en", "Happy birthday month");
        bad.put("s0.body.en", "<p>Happy birthday, ${name}</p>");
        bad.put("s1.wait", "soon");
        bad.put("s1.subject.ja", "もうひとつ");
        WebClient.Response refused = marketer.post("/crm/admin/messaging/journeys?lang=en", bad);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"f-key-error\"").contains("id=\"f-name-en-error\"")
                .contains("id=\"f-s0-body-ja-error\"").contains("id=\"f-s1-wait-error\"")
                .contains("id=\"f-s1-subject-en-error\"").contains("value=\"誕生月のごあいさつ\"");
        assertThat(count("SELECT count(*) FROM journey WHERE trigger = 'BIRTHDAY_MONTH' AND key <> 'birthday'"))
                .isZero();

        Map<String, String> good = new HashMap<>(bad);
        good.put("key", "birthday-greeting");
        good.put("name.en", "Birthday greeting");
        good.put("s0.body.ja", "<p>${name}様、お誕生月おめでとうございます</p>");
        good.remove("s1.wait");
        good.remove("s1.subject.ja");
        WebClient.Response created = marketer.post("/crm/admin/messaging/journeys?lang=en", good);
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        long id = journeyId("birthday-greeting");
        assertThat(created.location()).endsWith("/messaging/journeys/" + id);
        assertThat(count("SELECT count(*) FROM journey WHERE id = ? AND NOT active AND jsonb_array_length(steps) = 1", id))
                .isEqualTo(1);
        WebClient.Response taken = marketer.post("/crm/admin/messaging/journeys?lang=en", good);
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.body()).contains("id=\"f-key-error\"");
    }
}
