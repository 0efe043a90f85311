package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.core.text.LocalizedText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.kizuna.loyalty.points.PointsTestData.line;
import static org.assertj.core.api.Assertions.assertThat;

/** The points API through the real {@code /crm/api} servlet on a real database. */
class PointsApiTest {
    static KizunaRuntime kizuna;
    static PointsTestData data;
    static ApiClient api;

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install();
        // The segments feature is not on this module's classpath: one segment with one known member stands in.
        kizuna.context().ports().provide(SegmentDirectory.class, new SegmentDirectory() {
            @Override
            public List<Segment> segments(Tx tx) {
                return List.of(new Segment("rfm:at-risk", LocalizedText.of("要注意", "At risk")));
            }

            @Override
            public boolean inSegment(Tx tx, long memberId, String segmentKey) {
                return segmentKey.equals("rfm:at-risk")
                        && Members.customerRef(tx, memberId).map("C-seg-in"::equals).orElse(false);
            }
        });
        data = new PointsTestData(kizuna);
        api = new ApiClient(kizuna);
    }

    @AfterAll
    static void close() {
        api.close();
        kizuna.close();
    }

    /** {@code shopper} null: the dev admin token; otherwise the shopper of the request. */
    static Reply call(String shopper, String lang, String method, String path, String body) {
        return api.call(shopper == null ? new ApiClient.Token() : new ApiClient.Shopper(shopper), lang, method, path, body);
    }


    @Test
    void support_and_the_shopper_read_balances_and_localized_history_and_support_adjusts_with_a_reason() throws Exception {
        data.at(Instant.parse("2026-04-01T03:00:00Z"));
        long m = data.register("C-api");
        data.order("O-api", "C-api", List.of(line("TEA", 1, 10_000)));

        Reply admin = call(null, "en", "GET", "/customers/C-api/points", null);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.json().at("/pending").asLong()).isEqualTo(100);
        assertThat(admin.json().at("/history/0/description").asText()).contains("Points for order O-api");
        Reply me = call("C-api", "ja", "GET", "/me/points", null);
        assertThat(me.json().at("/history/0/description").asText()).contains("ご注文 O-api");
        assertThat(call(null, "en", "GET", "/customers/C-nobody/points", null).status()).isEqualTo(404);
        assertThat(call("C-api", "en", "GET", "/customers/C-api/points", null).status()).isEqualTo(401);

        long audits = data.number("SELECT count(*) FROM audit_log WHERE action = 'points.adjust'");
        long rows = data.ledgerRows();
        assertThat(call(null, "en", "POST", "/customers/C-api/points/adjustments", "{\"points\":1.5,\"reason\":\"x\"}")
                .json().at("/field").asText()).isEqualTo("points");
        assertThat(call(null, "en", "POST", "/customers/C-api/points/adjustments", "{\"points\":10}")
                .json().at("/field").asText()).isEqualTo("reason");
        assertThat(call(null, "en", "POST", "/customers/C-nobody/points/adjustments", "{\"points\":10,\"reason\":\"x\"}")
                .status()).isEqualTo(404);
        assertThat(call(null, "en", "POST", "/customers/C-api/points/adjustments", "{\"points\":-10,\"reason\":\"x\"}")
                .status()).isEqualTo(409);
        assertThat(data.ledgerRows()).isEqualTo(rows);

        Reply adjusted = call(null, "en", "POST", "/customers/C-api/points/adjustments",
                "{\"points\":25,\"reason\":\"Parcel arrived damaged\"}");
        assertThat(adjusted.status()).isEqualTo(201);
        assertThat(data.balance(m).available()).isEqualTo(25);
        assertThat(data.number("SELECT count(*) FROM audit_log WHERE action = 'points.adjust'")).isEqualTo(audits + 1);
        assertThat(call(null, "en", "GET", "/customers/C-api/points", null).json().at("/nextExpiries/0/points").asLong())
                .isEqualTo(25);

        Reply csv = call(null, "en", "GET", "/customers/C-api/points.csv", null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).as("UTF-8 with BOM").startsWith("\uFEFFid,created_at,kind,points").contains(",ADJUST,25,").contains("Parcel arrived damaged");
    }

    @Test
    void the_staff_reason_stays_with_the_staff_and_the_shopper_reads_the_note_or_a_plain_adjustment() throws Exception {
        data.at(Instant.parse("2026-04-02T03:00:00Z"));
        data.register("C-note");
        assertThat(call(null, "ja", "POST", "/customers/C-note/points/adjustments",
                "{\"points\":30,\"reason\":\"破損の申告、チケット 4711\",\"note\":\"お詫びのポイントです\"}").status())
                .isEqualTo(201);
        assertThat(call(null, "ja", "POST", "/customers/C-note/points/adjustments",
                "{\"points\":5,\"reason\":\"VIP 対応\"}").status()).isEqualTo(201);
        Reply tooLong = call(null, "ja", "POST", "/customers/C-note/points/adjustments",
                "{\"points\":5,\"reason\":\"x\",\"note\":\"" + "あ".repeat(201) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/field").asText()).isEqualTo("note");

        Reply me = call("C-note", "ja", "GET", "/me/points", null);
        assertThat(me.json().at("/history/0/description").asText()).isEqualTo("ポイント調整");
        assertThat(me.json().at("/history/1/description").asText()).isEqualTo("ポイント調整：お詫びのポイントです");
        assertThat(me.text()).doesNotContain("4711").doesNotContain("VIP").doesNotContain("スタッフ");
        assertThat(call("C-note", "en", "GET", "/me/points", null).json().at("/history/0/description").asText())
                .isEqualTo("Points adjustment");

        Reply staff = call(null, "ja", "GET", "/customers/C-note/points", null);
        assertThat(staff.json().at("/history/1/reason").asText()).isEqualTo("破損の申告、チケット 4711");
        assertThat(staff.json().at("/history/1/note").asText()).isEqualTo("お詫びのポイントです");
        assertThat(data.number("SELECT count(*) FROM audit_log WHERE action = 'points.adjust' AND subject = 'customer:C-note'"))
                .isEqualTo(2);
    }

    @Test
    void a_new_rule_version_applies_to_orders_submitted_after_it_and_campaigns_are_created_by_the_console() throws Exception {
        data.at(Instant.parse("2026-05-01T03:00:00Z"));
        long m = data.register("C-rules");
        Reply changed = call(null, "en", "PUT", "/points/rules", "{\"baseRatePer100\":2,\"firstOrderBonus\":0}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(call(null, "en", "PUT", "/points/rules", "{\"baseRatePer100\":200}").json().at("/field").asText())
                .isEqualTo("baseRatePer100");
        Reply created = call(null, "en", "POST", "/points/campaigns", """
                {"name":{"ja":"お茶2倍","en":"Tea x2"},"kind":"MULTIPLIER","multiplierPercent":200,"categories":["tea"],
                 "startsAt":"2026-05-01T00:00:00Z","endsAt":"2026-06-01T00:00:00Z"}""");
        assertThat(created.status()).isEqualTo(201);
        data.order("O-rules", "C-rules", List.of(line("TEA", 1, 10_000)));
        assertThat(data.balance(m).pending()).isEqualTo(400);   // 2 % × 2
        assertThat(call(null, "en", "GET", "/points/rules", null).json().at("/inForce/baseRatePer100").asInt()).isEqualTo(2);
        call(null, "en", "PUT", "/points/rules", "{\"baseRatePer100\":1}");
    }

    @Test
    void a_campaign_for_a_segment_adds_points_only_for_its_members() throws Exception {
        data.at(Instant.parse("2026-07-01T03:00:00Z"));
        long inside = data.register("C-seg-in");
        long outside = data.register("C-seg-out");
        Reply refused = call(null, "en", "POST", "/points/campaigns", """
                {"name":{"ja":"x","en":"x"},"kind":"MULTIPLIER","multiplierPercent":300,"segment":"At Risk!",
                 "startsAt":"2026-07-01T00:00:00Z","endsAt":"2026-08-01T00:00:00Z"}""");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/field").asText()).isEqualTo("segment");
        Reply created = call(null, "en", "POST", "/points/campaigns", """
                {"name":{"ja":"休眠復帰3倍","en":"Win-back x3"},"kind":"MULTIPLIER","multiplierPercent":300,
                 "segment":"rfm:at-risk","startsAt":"2026-07-01T00:00:00Z","endsAt":"2026-08-01T00:00:00Z"}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/segment").asText()).isEqualTo("rfm:at-risk");

        data.order("O-seg-in", "C-seg-in", List.of(line("TEA", 1, 10_000)));
        data.order("O-seg-out", "C-seg-out", List.of(line("TEA", 1, 10_000)));

        assertThat(data.balance(inside).pending()).as("×3 for the segment's member").isEqualTo(300);
        assertThat(data.balance(outside).pending()).as("the base rate for everyone else").isEqualTo(100);
    }
}
