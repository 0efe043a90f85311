package dev.kizuna.loyalty.rank;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.ports.RankKeeping;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Console;
import dev.kizuna.core.testing.ApiClient.Nobody;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.ApiClient.Shopper;
import dev.kizuna.core.testing.ApiClient.Token;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.core.web.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.kizuna.loyalty.rank.RankTestData.tokyo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rank API through the real {@code /crm/api} servlet over HTTP (access checks, JSON, problem bodies) on a real
 * database.
 */
class RankApiTest {
    static KizunaRuntime kizuna;
    static RankTestData data;
    static ApiClient api;

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install();
        data = new RankTestData(kizuna);
        api = new ApiClient(kizuna);
    }

    @AfterAll
    static void close() {
        api.close();
        kizuna.close();
    }

    static final String BRONZE = """
            {"code":"BRONZE","level":1,"name":{"ja":"ブロンズ","en":"Bronze"},
             "thresholds":{"points":100,"orders":1},
             "benefits":{"pointMultiplierPercent":110,"freeShippingThreshold":10000,"birthdayBonusPoints":50,
                         "perks":{"ja":["ポイント1.1倍"],"en":["1.1× points"]}}}""";

    long audits(String action) {
        return data.number("SELECT count(*) FROM audit_log WHERE action = ?", action);
    }

    @Test
    void the_console_reads_a_customers_rank_and_the_shopper_their_own() throws Exception {
        long m = data.member("C-api");
        data.earnOrders(m, 7, 100, tokyo(2026, 5, 5, 12, 0, 0));
        data.recalculate(tokyo(2026, 6, 1, 3, 0, 0));

        Reply admin = api.call(new Token(), "GET", "/customers/C-api/rank", null);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.json().at("/rank/code").asText()).isEqualTo("GOLD");
        assertThat(admin.json().at("/rank/name").asText()).isEqualTo("Gold");
        assertThat(admin.json().at("/benefits/pointMultiplierPercent").asInt()).isEqualTo(150);
        assertThat(admin.json().at("/next/rank/code").asText()).isEqualTo("PLATINUM");
        assertThat(admin.json().at("/next/missing/points").asLong()).isEqualTo(1300);
        assertThat(admin.json().at("/next/missing/orders").asLong()).isEqualTo(8);
        assertThat(admin.json().at("/heldUntil").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(admin.json().at("/history/0/toCode").asText()).isEqualTo("GOLD");

        assertThat(api.call(new Console(Role.SUPPORT), "GET", "/customers/C-api/rank", null).status()).isEqualTo(200);
        assertThat(api.call(new Console(Role.MARKETER), "GET", "/customers/C-api/rank", null).status()).isEqualTo(200);
        assertThat(api.call(new Token(), "GET", "/customers/C-nobody/rank", null).status()).isEqualTo(404);
        assertThat(api.call(new Nobody(), "GET", "/customers/C-api/rank", null).status()).isEqualTo(401);
        assertThat(api.call(new Shopper("C-api"), "GET", "/customers/C-api/rank", null).status()).isEqualTo(401);

        Reply me = api.call(new Shopper("C-api"), "GET", "/me/rank", null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().at("/customerRef").asText()).isEqualTo("C-api");
        assertThat(me.json().at("/rank/code").asText()).isEqualTo("GOLD");
        assertThat(api.call(new Shopper("C-first-visit"), "GET", "/me/rank", null).json().at("/rank/code").asText())
                .isEqualTo("REGULAR");
        assertThat(api.call(new Nobody(), "GET", "/me/rank", null).status()).isEqualTo(401);
    }

    @Test
    void the_shopper_sees_what_keeps_the_rank_at_the_next_recalculation_as_old_earnings_leave_the_window() throws Exception {
        long m = data.member("C-keep");
        data.earnOrders(m, 5, 100, tokyo(2025, 12, 15, 12, 0, 0));
        data.earnOrders(m, 2, 100, tokyo(2026, 5, 5, 12, 0, 0));
        data.recalculate(tokyo(2026, 6, 1, 3, 0, 0));
        kizuna.context().clock().set(tokyo(2026, 6, 10, 12, 0, 0));

        Reply me = api.call(new Shopper("C-keep"), "GET", "/me/rank", null);
        assertThat(me.json().at("/rank/code").asText()).isEqualTo("GOLD");
        assertThat(me.json().at("/keep/judgementDay").asText()).isEqualTo("2026-07-01");
        assertThat(me.json().at("/keep/missing/points").asLong()).as("December's 500 points leave the window").isEqualTo(500);
        assertThat(me.json().at("/keep/missing/orders").asLong()).isEqualTo(5);
        assertThat(me.json().at("/keep/kept").asBoolean()).isFalse();

        RankKeeping.Keep keep = data.tx(tx -> kizuna.context().ports().require(RankKeeping.class).keepOf(tx, m)).orElseThrow();
        assertThat(keep.rankCode()).isEqualTo("GOLD");
        assertThat(keep.points()).isEqualTo(500);
        data.earnOrders(m, 5, 100, tokyo(2026, 6, 9, 12, 0, 0));
        assertThat(data.tx(tx -> kizuna.context().ports().require(RankKeeping.class).keepOf(tx, m)).orElseThrow().kept())
                .isTrue();
        long regular = data.member("C-keep-regular");
        Optional<RankKeeping.Keep> none = data.tx(tx -> kizuna.context().ports().require(RankKeeping.class).keepOf(tx, regular));
        assertThat(none).as("nothing to keep on the base rank").isEmpty();
    }

    @Test
    void a_marketer_creates_and_changes_ranks_and_every_change_is_audited() throws Exception {
        long before = audits("rank.create");
        Reply created = api.call(new Console(Role.MARKETER), "POST", "/ranks", BRONZE);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/level").asInt()).isEqualTo(1);
        assertThat(audits("rank.create")).isEqualTo(before + 1);

        Reply ladder = api.call(new Token(), "GET", "/ranks", null);
        assertThat(ladder.json().at("/windowMonths").asInt()).isEqualTo(6);
        assertThat(ladder.json().at("/ranks/1/code").asText()).isEqualTo("BRONZE");
        assertThat(ladder.json().at("/ranks/2/code").asText()).isEqualTo("SILVER");
        assertThat(ladder.json().at("/ranks/2/level").asInt()).isEqualTo(2);

        Reply changed = api.call(new Token(), "PUT", "/ranks/BRONZE", BRONZE.replace("\"points\":100", "\"points\":150"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().at("/thresholds/points").asLong()).isEqualTo(150);
        assertThat(data.number("SELECT min_points FROM rank_definition WHERE code = 'BRONZE'")).isEqualTo(150);
        String auditBefore = data.tx(tx -> tx.sql().one("""
                SELECT before::text FROM audit_log WHERE action = 'rank.update' ORDER BY id DESC LIMIT 1""",
                rs -> rs.getString(1)).orElseThrow());
        assertThat(auditBefore).contains("\"points\": 100");

        Reply settings = api.call(new Token(), "PUT", "/ranks", """
                {"windowMonths":12,"downgradePolicy":"KEEP_UNTIL_END_OF_NEXT_PERIOD"}""");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.json().at("/windowMonths").asInt()).isEqualTo(12);
        assertThat(audits("rank.settings")).isEqualTo(1);
        api.call(new Token(), "PUT", "/ranks", "{\"windowMonths\":6,\"downgradePolicy\":\"IMMEDIATELY\"}");

        Reply members = api.call(new Console(Role.SUPPORT), "GET", "/ranks/members", null);
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.json().get(0).at("/code").asText()).isEqualTo("REGULAR");
    }

    @Test
    void a_ranks_member_price_is_read_and_changed_through_the_api_and_a_bad_percent_is_refused() throws Exception {
        com.fasterxml.jackson.databind.JsonNode gold = null;
        for (com.fasterxml.jackson.databind.JsonNode r : api.call(new Token(), "GET", "/ranks", null).json().at("/ranks")) {
            if (r.at("/code").asText().equals("GOLD")) {
                gold = r;
            }
        }
        assertThat(gold).isNotNull();
        assertThat(gold.at("/benefits/memberDiscountPercent").asInt()).isEqualTo(3);
        String original = gold.toString();
        com.fasterxml.jackson.databind.node.ObjectNode benefits = (com.fasterxml.jackson.databind.node.ObjectNode) gold.at("/benefits");
        benefits.put("memberDiscountPercent", 4);
        benefits.putObject("memberDiscountByCategory").put("sale", 0);
        try {
            Reply changed = api.call(new Token(), "PUT", "/ranks/GOLD", gold.toString());
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.json().at("/benefits/memberDiscountPercent").asInt()).isEqualTo(4);
            assertThat(changed.json().at("/benefits/memberDiscountByCategory/sale").asInt()).isZero();
            assertThat(data.number("SELECT member_discount_percent FROM rank_definition WHERE code = 'GOLD'")).isEqualTo(4);

            benefits.put("memberDiscountPercent", 120);
            Reply refused = api.call(new Token(), "PUT", "/ranks/GOLD", gold.toString());
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().at("/field").asText()).isEqualTo("benefits.memberDiscountPercent");
            assertThat(data.number("SELECT member_discount_percent FROM rank_definition WHERE code = 'GOLD'")).isEqualTo(4);
        } finally {
            api.call(new Token(), "PUT", "/ranks/GOLD", original);
        }
    }

    @Test
    void invalid_definitions_are_refused_naming_the_field_and_change_nothing() throws Exception {
        long ranks = data.number("SELECT count(*) FROM rank_definition");
        long audited = data.number("SELECT count(*) FROM audit_log");

        Reply noName = api.call(new Token(), "POST", "/ranks", BRONZE.replace("\"ja\":\"ブロンズ\",", "").replace("BRONZE", "COPPER"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().at("/field").asText()).isEqualTo("name.ja");

        Reply fraction = api.call(new Token(), "POST", "/ranks",
                BRONZE.replace("\"pointMultiplierPercent\":110", "\"pointMultiplierPercent\":110.5").replace("BRONZE", "COPPER"));
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.json().at("/field").asText()).isEqualTo("benefits.pointMultiplierPercent");

        Reply tooHigh = api.call(new Token(), "POST", "/ranks",
                BRONZE.replace("\"points\":100", "\"points\":900").replace("BRONZE", "COPPER"));
        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(tooHigh.json().at("/field").asText()).isEqualTo("thresholds.points");

        Reply badPolicy = api.call(new Token(), "PUT", "/ranks", "{\"windowMonths\":6,\"downgradePolicy\":\"SOMETIMES\"}");
        assertThat(badPolicy.status()).isEqualTo(400);
        assertThat(badPolicy.json().at("/field").asText()).isEqualTo("downgradePolicy");

        Reply window = api.call(new Token(), "PUT", "/ranks", "{\"windowMonths\":0,\"downgradePolicy\":\"IMMEDIATELY\"}");
        assertThat(window.json().at("/field").asText()).isEqualTo("windowMonths");

        assertThat(api.call(new Token(), "PUT", "/ranks/NOSUCH", BRONZE.replace("BRONZE", "NOSUCH")).status()).isEqualTo(404);

        assertThat(data.number("SELECT count(*) FROM rank_definition")).isEqualTo(ranks);
        assertThat(data.number("SELECT count(*) FROM audit_log")).isEqualTo(audited);
        assertThat(data.number("SELECT window_months FROM rank_program")).isEqualTo(6);
    }

    @Test
    void support_may_not_change_ranks() throws Exception {
        assertThat(api.call(new Console(Role.SUPPORT), "POST", "/ranks", BRONZE.replace("BRONZE", "TIN")).status()).isEqualTo(403);
        assertThat(api.call(new Console(Role.SUPPORT), "GET", "/ranks", null).status()).isEqualTo(403);
        assertThat(api.call(new Shopper("C-1"), "POST", "/ranks", BRONZE.replace("BRONZE", "TIN")).status()).isEqualTo(401);
        assertThat(data.number("SELECT count(*) FROM rank_definition WHERE code = 'TIN'")).isZero();
    }
}
