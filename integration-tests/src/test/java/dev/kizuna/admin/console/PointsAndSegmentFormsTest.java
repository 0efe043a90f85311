package dev.kizuna.admin.console;

import dev.kizuna.core.console.FormErrors;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.loyalty.points.EarningProgram;
import dev.kizuna.loyalty.points.PointsQueries;
import dev.kizuna.loyalty.points.PointsReports;
import dev.kizuna.segment.rfm.RfmDefinitions;
import dev.kizuna.segment.rfm.RfmSegmentDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The earning rules and point campaign pages, the manual adjustment on the 360° page, the points figures on the
 * dashboard and the RFM segment editor, over real HTTP on a real database: bad input is refused beside its field
 * and writes nothing, good input goes through the feature's service and its audit log, a POST without the CSRF
 * token changes nothing.
 */
class PointsAndSegmentFormsTest {
    static ConsoleServer server;
    static WebClient admin;
    static WebClient marketer;
    static WebClient support;

    @BeforeAll
    static void start() {
        server = ConsoleServer.start();
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

    static long count(String sql, Object... params) {
        return server.runtime.context().database().inTransaction(tx -> tx.sql().number(sql, params));
    }

    static long audited(String action) {
        return count("SELECT count(*) FROM audit_log WHERE action = ?", action);
    }

    static String shopTime(Duration fromNow) {
        return FormErrors.shopTimeValue(server.runtime.context().clock().instant().plus(fromNow), server.runtime.context().zone());
    }

    static void register(String ref) {
        server.runtime.publisher().publish(new CustomerRegistered("ev-" + ref, Instant.parse("2026-03-01T00:00:00Z"),
                ref, ref.toLowerCase(Locale.ROOT) + "@example.jp", "Member " + ref, null, "en", Map.of()));
    }

    @Test
    void a_rule_version_is_added_and_bad_values_show_beside_their_field() {
        WebClient.Response page = marketer.get("/crm/admin/points");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"rules-in-force\"").contains("id=\"rules-form\"").contains("id=\"campaign-form\"");

        WebClient.Response tooHigh = marketer.post("/crm/admin/points/rules", Map.of("baseRatePer100", "250"));
        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(tooHigh.body()).contains("id=\"f-baseRatePer100-error\"").contains("value=\"250\"");
        WebClient.Response past = marketer.post("/crm/admin/points/rules",
                Map.of("baseRatePer100", "3", "effectiveFrom", "2001-01-01 00:00"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body()).contains("id=\"f-effectiveFrom-error\"");
        WebClient.Response garbled = marketer.post("/crm/admin/points/rules",
                Map.of("baseRatePer100", "3", "effectiveFrom", "next tuesday"));
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.body()).contains("id=\"f-effectiveFrom-error\"");
        assertThat(count("SELECT count(*) FROM points_rule")).isZero();
        assertThat(marketer.postForm("/crm/admin/points/rules", Map.of("baseRatePer100", "3")).status()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM points_rule")).isZero();

        WebClient.Response saved = marketer.post("/crm/admin/points/rules", Map.of("baseRatePer100", "3",
                "registrationBonus", "200", "firstOrderBonus", "500"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(port(EarningProgram.class).view().inForce().baseRatePer100()).isEqualTo(3);
        assertThat(port(EarningProgram.class).view().inForce().firstOrderBonus()).isEqualTo(500);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'points.rules' AND actor = 'marketer'")).isEqualTo(1);
        assertThat(marketer.get("/crm/admin/points").body()).contains("id=\"rule-version-1\"").contains("id=\"flash\"");
    }

    static Map<String, String> campaign(String nameEn) {
        Map<String, String> f = new HashMap<>();
        f.put("name.ja", "ダブルポイント");
        f.put("name.en", nameEn);
        f.put("kind", "MULTIPLIER");
        f.put("multiplierPercent", "200");
        f.put("categories", "shoes, bags");
        f.put("skus", "SKU-1\nSKU-2");
        f.put("segment", "rfm:champions");
        f.put("startsAt", shopTime(Duration.ofHours(-1)));
        f.put("endsAt", shopTime(Duration.ofDays(7)));
        return f;
    }

    @Test
    void a_point_campaign_is_created_refused_beside_its_fields_and_ended_now() {
        marketer.get("/crm/admin/points");
        Map<String, String> noMultiplier = campaign("Double points");
        noMultiplier.remove("multiplierPercent");
        WebClient.Response refused = marketer.post("/crm/admin/points/campaigns", noMultiplier);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"f-multiplierPercent-error\"").contains("value=\"Double points\"");

        Map<String, String> backwards = campaign("Double points");
        backwards.put("endsAt", shopTime(Duration.ofDays(-2)));
        WebClient.Response ends = marketer.post("/crm/admin/points/campaigns", backwards);
        assertThat(ends.status()).isEqualTo(400);
        assertThat(ends.body()).contains("id=\"f-endsAt-error\"");

        Map<String, String> badSegment = campaign("Double points");
        badSegment.put("segment", "Not A Key");
        WebClient.Response segment = marketer.post("/crm/admin/points/campaigns", badSegment);
        assertThat(segment.status()).isEqualTo(400);
        assertThat(segment.body()).contains("id=\"f-segment-error\"");
        Map<String, String> noSuchSegment = campaign("Double points");
        noSuchSegment.put("segment", "nonexistent:seg");
        WebClient.Response unknown = marketer.post("/crm/admin/points/campaigns?lang=ja", noSuchSegment);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("id=\"f-segment-error\"").contains("一覧にあるセグメントから選んでください");
        assertThat(marketer.postForm("/crm/admin/points/campaigns", campaign("Double points")).status()).isEqualTo(403);
        assertThat(port(EarningProgram.class).campaigns()).isEmpty();

        WebClient.Response created = marketer.post("/crm/admin/points/campaigns", campaign("Double points"));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        List<dev.kizuna.loyalty.points.Campaign> all = port(EarningProgram.class).campaigns();
        assertThat(all).hasSize(1);
        dev.kizuna.loyalty.points.Campaign c = all.get(0);
        assertThat(c.multiplierPercent()).isEqualTo(200);
        assertThat(c.categories()).containsExactly("shoes", "bags");
        assertThat(c.skus()).containsExactly("SKU-1", "SKU-2");
        assertThat(audited("points.campaign.create")).isEqualTo(1);
        WebClient.Response list = marketer.get("/crm/admin/points");
        assertThat(list.body()).contains("id=\"point-campaign-" + c.id() + "\"").contains("id=\"end-campaign-" + c.id() + "\"");

        assertThat(marketer.postForm("/crm/admin/points/campaigns/" + c.id() + "/end", Map.of()).status()).isEqualTo(403);
        assertThat(port(EarningProgram.class).campaigns().get(0).activeAt(server.runtime.context().clock().instant())).isTrue();
        WebClient.Response ended = marketer.post("/crm/admin/points/campaigns/" + c.id() + "/end", Map.of());
        assertThat(ended.status()).as(ended.body()).isEqualTo(302);
        assertThat(port(EarningProgram.class).campaigns().get(0).activeAt(server.runtime.context().clock().instant().plusSeconds(1))).isFalse();
        assertThat(audited("points.campaign.end")).isEqualTo(1);
        assertThat(marketer.get("/crm/admin/points").body()).doesNotContain("id=\"end-campaign-" + c.id() + "\"");
        assertThat(marketer.post("/crm/admin/points/campaigns/99999/end", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void support_adjusts_points_with_a_reason_and_refusals_show_beside_the_field() {
        register("C-ADJ");
        support.get("/crm/admin/customers/C-ADJ");
        long entries = count("SELECT count(*) FROM points_entry e JOIN member m ON m.id = e.member_id WHERE m.customer_ref = 'C-ADJ'");
        assertThat(entries).isZero();

        WebClient.Response noReason = support.post("/crm/admin/customers/C-ADJ/points/adjustments", Map.of("adjust.points", "300"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("id=\"f-adjust-reason-error\"").contains("value=\"300\"");
        WebClient.Response notANumber = support.post("/crm/admin/customers/C-ADJ/points/adjustments",
                Map.of("adjust.points", "12.5", "adjust.reason", "Goodwill for a late parcel"));
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body()).contains("id=\"f-adjust-points-error\"");
        WebClient.Response overdraw = support.post("/crm/admin/customers/C-ADJ/points/adjustments",
                Map.of("adjust.points", "-50", "adjust.reason", "Correction of a double grant"));
        assertThat(overdraw.status()).isEqualTo(409);
        assertThat(overdraw.body()).contains("id=\"f-adjust-points-error\"");
        assertThat(support.postForm("/crm/admin/customers/C-ADJ/points/adjustments",
                Map.of("adjust.points", "300", "adjust.reason", "Goodwill for a late parcel")).status()).isEqualTo(403);
        marketer.get("/crm/admin/customers/C-ADJ");
        assertThat(marketer.post("/crm/admin/customers/C-ADJ/points/adjustments",
                Map.of("adjust.points", "300", "adjust.reason", "Goodwill for a late parcel")).status()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM points_entry e JOIN member m ON m.id = e.member_id WHERE m.customer_ref = 'C-ADJ'"))
                .isZero();

        WebClient.Response adjusted = support.post("/crm/admin/customers/C-ADJ/points/adjustments",
                Map.of("adjust.points", "300", "adjust.reason", "Goodwill for a late parcel"));
        assertThat(adjusted.status()).as(adjusted.body()).isEqualTo(302);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'points.adjust' AND subject = 'customer:C-ADJ' AND actor = 'support'"))
                .isEqualTo(1);
        WebClient.Response page = support.get("/crm/admin/customers/C-ADJ");
        assertThat(page.body()).contains("id=\"points-available\">300<").contains("Goodwill for a late parcel");
        assertThat(admin.get("/crm/admin/customers/C-ADJ").body()).contains("id=\"adjust-form\"");
        assertThat(marketer.get("/crm/admin/customers/C-ADJ").body()).doesNotContain("id=\"adjust-form\"");
    }

    @Test
    void the_dashboard_shows_points_issued_and_the_liability_after_ledger_activity() {
        register("C-DASH");
        server.runtime.context().database().execute(tx -> port(RewardGranter.class).grant(tx,
                Members.find(tx, "C-DASH").orElseThrow(), 4321, "SURVEY", "dash-1", "thanks"));
        List<PointsReports.MonthFigures> months = port(PointsReports.class).monthly(12);
        assertThat(months).hasSize(12);
        PointsReports.MonthFigures now = months.get(11);
        assertThat(now.issued()).isGreaterThanOrEqualTo(4321);
        long held = count("SELECT coalesce(sum(available + pending), 0) FROM points_account");
        assertThat(now.liability()).isEqualTo(held);
        assertThat(months.get(0).liability()).isLessThanOrEqualTo(now.liability());

        WebClient.Response en = marketer.get("/crm/admin/?lang=en");
        assertThat(en.status()).isEqualTo(200);
        assertThat(en.body()).contains("id=\"chart-points-flow\"").contains("id=\"chart-points-liability\"")
                .contains("id=\"chart-coupon-months\"").contains("id=\"figure-liability\"")
                .contains("Issued").doesNotContain("style=\"");
        String liability = en.body().replaceAll("(?s).*id=\"figure-liability\">([^<]*)<.*", "$1");
        assertThat(liability.replace(",", "")).isEqualTo(Long.toString(now.available()));
        assertThat(marketer.get("/crm/admin/?lang=ja").body()).contains("ポイント負債の推移");
        assertThat(port(PointsQueries.class).points("C-DASH", Locale.ENGLISH, 1, 0, true).orElseThrow().available())
                .isEqualTo(4321);
    }

    static Map<String, String> definitionsForm(List<RfmSegmentDefinition> segments) {
        Map<String, String> f = new HashMap<>();
        f.put("rows", Integer.toString(segments.size() + 1));
        for (int i = 0; i < segments.size(); i++) {
            RfmSegmentDefinition d = segments.get(i);
            String p = "segments[" + i + "].";
            f.put(p + "key", d.key());
            f.put(p + "name.ja", d.name().ja());
            f.put(p + "name.en", d.name().en());
            f.put(p + "recencyMin", d.recencyMin().toString());
            f.put(p + "recencyMax", d.recencyMax().toString());
            f.put(p + "fmMin", d.fmMin().toString());
            f.put(p + "fmMax", d.fmMax().toString());
        }
        return f;
    }

    @Test
    void rfm_segments_are_edited_row_by_row_with_errors_beside_the_field() {
        List<RfmSegmentDefinition> before = port(RfmDefinitions.class).current().segments();
        assertThat(before.size()).isGreaterThan(1);
        WebClient.Response page = marketer.get("/crm/admin/segments/definitions");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"rfm-definitions-form\"").contains("value=\"" + before.get(0).key() + "\"");

        Map<String, String> inverted = definitionsForm(before);
        inverted.put("segments[1].fmMin", "4");
        inverted.put("segments[1].fmMax", "2");
        WebClient.Response refused = marketer.post("/crm/admin/segments/definitions", inverted);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"f-segments-1-fmMax-error\"");

        Map<String, String> notANumber = definitionsForm(before);
        notANumber.put("segments[0].recencyMin", "high");
        WebClient.Response nan = marketer.post("/crm/admin/segments/definitions", notANumber);
        assertThat(nan.status()).isEqualTo(400);
        assertThat(nan.body()).contains("id=\"f-segments-0-recencyMin-error\"").contains("value=\"high\"");

        Map<String, String> renamed = definitionsForm(before);
        renamed.put("segments[0].name.en", "Our very best");
        assertThat(marketer.postForm("/crm/admin/segments/definitions", renamed).status()).isEqualTo(403);
        assertThat(port(RfmDefinitions.class).current().segments()).isEqualTo(before);
        assertThat(audited("segments.rfm-definitions.update")).isZero();

        WebClient.Response saved = marketer.post("/crm/admin/segments/definitions", renamed);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(port(RfmDefinitions.class).current().segments()).anyMatch(d -> d.name().en().equals("Our very best"));
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'segments.rfm-definitions.update' AND actor = 'marketer'"))
                .isEqualTo(1);
    }
}
