package dev.kizuna.admin.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.spi.CustomerMerged;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.CustomerUpdated;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.segment.duplicates.DuplicateEvidence;
import dev.kizuna.segment.duplicates.DuplicatePair;
import dev.kizuna.segment.duplicates.Duplicates;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.CustomerProfiles;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import dev.kizuna.survey.profiling.ProfileQuestion;
import dev.kizuna.survey.profiling.ProfileQuestionAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two accounts of one person: proposed as duplicates by their e-mail address, merged from the console onto the older
 * one. The survivor's points are the sum of both (ledger entries and lots kept, points-verification passes), its
 * coupons, profile answers (a sealed one among them) and support notes are both accounts', the merged customer
 * answers 404 naming the survivor, and merging again (the host's event, the reverse merge, the API) changes nothing.
 */
class CustomerMergeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> TOKEN = Map.of("Authorization", "Bearer " + TestKizuna.ADMIN_TOKEN);
    static ConsoleServer server;
    static WebClient admin;

    @BeforeAll
    static void start() {
        server = ConsoleServer.start(new FakeHost(), Map.of("kizuna.points.return-window-days", "0"));
        admin = server.signedIn(ConsoleServer.ADMIN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static <T> T port(Class<T> type) {
        return server.runtime.context().ports().require(type);
    }

    static JsonNode api(String method, String path, String json) {
        WebClient.Response r = admin.send(method, "/crm/api" + path, json, TOKEN);
        assertThat(r.status()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JobRuns.JobRun run(String name) {
        KizunaJob job = server.runtime.context().jobs().find(name).orElseThrow();
        JobRuns.JobRun run = server.runtime.jobRuns().run(job, "manual", null);
        assertThat(run.status()).as(run.error()).isEqualTo(JobRunStatus.SUCCEEDED);
        return run;
    }

    static void customer(String ref, Instant at, String email, String name, String phone) {
        server.runtime.publisher().publish(new CustomerRegistered("reg-" + ref, at, ref, email, name,
                LocalDate.of(1990, 4, 1), "ja", Map.of("mail", true), phone));
    }

    static void deliveredOrder(String ref, String order, long yen, Instant at) {
        server.runtime.publisher().publish(new OrderSubmitted("sub-" + order, at, order, ref, "JPY",
                OrderSubmitted.Channel.WEB, List.of(new OrderSubmitted.OrderLine("TEA-1", "tea", 1, yen, 0)),
                yen, 0, 0, 0, 0, null, yen));
        server.runtime.publisher().publish(new OrderDelivered("del-" + order, at.plusSeconds(60), order));
    }

    static void grant(String ref, long points, String reason) {
        server.runtime.context().database().inTransaction(tx -> port(RewardGranter.class).grant(tx,
                Members.find(tx, ref).orElseThrow(), points, "TEST", "grant-" + ref, reason));
    }

    static long count(String sql, Object... args) {
        return server.runtime.context().database().inTransaction(tx -> tx.sql().number(sql, args));
    }

    static List<String> codes(JsonNode coupons) {
        List<String> out = new ArrayList<>();
        coupons.forEach(c -> out.add(c.get("code").asText()));
        return out;
    }

    @Test
    void two_accounts_with_one_email_are_proposed_and_merged_exactly_and_merging_again_changes_nothing() {
        Instant now = server.runtime.context().clock().instant();
        customer("M-OLD", now.minus(Duration.ofDays(400)), "hanako.merge@example.jp", "山田 花子", "090-1111-2222");
        customer("M-NEW", now.minus(Duration.ofDays(30)), "Hanako.Merge@Example.JP", "ヤマダ ハナコ", null);
        customer("M-OTHER", now.minus(Duration.ofDays(30)), "someone.else@example.jp", "佐藤 一郎", null);
        deliveredOrder("M-OLD", "MO-1", 3_000, now.minus(Duration.ofDays(20)));
        deliveredOrder("M-NEW", "MN-1", 5_000, now.minus(Duration.ofDays(10)));
        run("points-confirmation");
        // one order of the new account still pending (not delivered)
        server.runtime.publisher().publish(new OrderSubmitted("sub-MN-2", now.minus(Duration.ofDays(1)), "MN-2", "M-NEW",
                "JPY", OrderSubmitted.Channel.WEB, List.of(new OrderSubmitted.OrderLine("TEA-2", "tea", 2, 1_000, 0)),
                2_000, 0, 0, 0, 0, null, 2_000));
        grant("M-OLD", 100, "お詫びの付与（旧アカウント）");
        grant("M-NEW", 50, "お詫びの付与（新アカウント）");

        long campaign = api("POST", "/campaigns", """
                {"name":{"ja":"統合テスト 200円引き","en":"Merge test: 200 yen off"},"discount":{"type":"FIXED","value":200},
                 "currency":"JPY","validTo":"%s"}""".formatted(now.plus(Duration.ofDays(60)))).get("id").asLong();
        api("POST", "/campaigns/" + campaign + "/codes", "{\"assignTo\":[\"M-OLD\",\"M-NEW\"]}");
        List<String> oldCodes = codes(api("GET", "/customers/M-OLD/coupons", null));
        List<String> newCodes = codes(api("GET", "/customers/M-NEW/coupons", null));
        assertThat(oldCodes).hasSize(1);
        assertThat(newCodes).hasSize(1);

        port(ProfileQuestionAdmin.class).create(new ProfileQuestion("merge_tea", LocalizedText.of("好きなお茶", "Favourite tea"),
                ProfileAnswerType.TEXT, List.of(), null, null, 90, false, 0L, List.of(), AskRule.SKIP_IF_KNOWN, 0, true), "test");
        port(ProfileQuestionAdmin.class).create(new ProfileQuestion("merge_allergy", LocalizedText.of("アレルギー", "Allergies"),
                ProfileAnswerType.TEXT, List.of(), null, null, 80, true, 0L, List.of(), AskRule.SKIP_IF_KNOWN, 0, true), "test");
        CustomerProfiles profiles = port(CustomerProfiles.class);
        profiles.submit("M-OLD", new CustomerProfiles.ProfileSubmission(null,
                List.of(new CustomerProfiles.AnswerInput("merge_tea", List.of("煎茶"))), List.of()));
        profiles.submit("M-NEW", new CustomerProfiles.ProfileSubmission(null,
                List.of(new CustomerProfiles.AnswerInput("merge_allergy", List.of("そば"))), List.of()));
        api("POST", "/customers/M-NEW/notes", "{\"channel\":\"PHONE\",\"topic\":\"ACCOUNT\",\"text\":\"二重登録の相談\"}");
        server.runtime.publisher().publish(new CustomerUpdated("upd-M-NEW", now.minus(Duration.ofDays(5)), "M-NEW",
                "Hanako.Merge@Example.JP", "ヤマダ ハナコ", LocalDate.of(1990, 4, 1), "ja", Map.of("mail", true), "080-3333-4444"));

        JsonNode oldPoints = api("GET", "/customers/M-OLD/points?limit=200", null);
        JsonNode newPoints = api("GET", "/customers/M-NEW/points?limit=200", null);
        assertThat(oldPoints.get("available").asLong()).isPositive();
        assertThat(newPoints.get("pending").asLong()).isPositive();

        // proposed: the same e-mail (trimmed, any case), not the name (written differently) nor the unrelated customer
        run("customer-duplicates");
        List<DuplicatePair> open = port(Duplicates.class).open(100).stream()
                .filter(p -> p.first().customerRef().startsWith("M-")).toList();
        assertThat(open).hasSize(1);
        DuplicatePair pair = open.get(0);
        assertThat(pair.evidence()).containsExactly(DuplicateEvidence.EMAIL);
        assertThat(pair.suggested().customerRef()).isEqualTo("M-OLD");
        assertThat(admin.get("/crm/admin/?lang=ja").body()).as("the dashboard leads to the pair")
                .contains("id=\"duplicates-open\">未判断の組：1<").contains("href=\"/crm/admin/duplicates\" id=\"duplicates-review\"");

        String page = admin.get("/crm/admin/duplicates?lang=ja").body();
        assertThat(page).contains("id=\"pair-" + pair.id() + "\"").contains("メールアドレスが同じ")
                .contains("hanako.merge@example.jp").contains("M-NEW");
        WebClient.Response merged = admin.post("/crm/admin/duplicates/" + pair.id() + "/merge", Map.of("survivor", "M-OLD"));
        assertThat(merged.status()).as(merged.body()).isEqualTo(302);
        assertThat(admin.get("/crm/admin/duplicates?lang=ja").body()).contains("顧客 M-NEW を顧客 M-OLD に統合しました。")
                .doesNotContain("id=\"pair-" + pair.id() + "\"");

        JsonNode survivor = api("GET", "/customers/M-OLD/points?limit=200", null);
        assertThat(survivor.get("available").asLong())
                .isEqualTo(oldPoints.get("available").asLong() + newPoints.get("available").asLong());
        assertThat(survivor.get("pending").asLong())
                .isEqualTo(oldPoints.get("pending").asLong() + newPoints.get("pending").asLong());
        assertThat(survivor.get("totalEntries").asLong())
                .isEqualTo(oldPoints.get("totalEntries").asLong() + newPoints.get("totalEntries").asLong());
        assertThat(survivor.get("history").toString()).contains("お詫びの付与（新アカウント）").contains("お詫びの付与（旧アカウント）");
        assertThat(codes(api("GET", "/customers/M-OLD/coupons", null))).containsExactlyInAnyOrderElementsOf(
                List.of(oldCodes.get(0), newCodes.get(0)));
        String answers = api("GET", "/customers/M-OLD/profile", null).toString();
        assertThat(answers).contains("煎茶").contains("そば");
        assertThat(api("GET", "/customers/M-OLD/timeline?kind=SUPPORT_NOTE", null).toString()).contains("二重登録の相談");
        assertThat(count("SELECT count(*) FROM profile_change p JOIN member m ON m.id = p.member_id WHERE m.customer_ref = 'M-NEW'"))
                .as("the merged account's changes are on the survivor's timeline").isZero();
        assertThat(count("SELECT count(*) FROM profile_change p JOIN member m ON m.id = p.member_id WHERE m.customer_ref = 'M-OLD'"))
                .isPositive();
        assertThat(count("SELECT count(*) FROM order_summary o JOIN member m ON m.id = o.member_id WHERE m.customer_ref = 'M-OLD'"))
                .isEqualTo(3);

        WebClient.Response gone = admin.send("GET", "/crm/api/customers/M-NEW/points?lang=en", null, TOKEN);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body()).contains("customer M-NEW was merged into customer M-OLD");
        WebClient.Response oldPage = admin.get("/crm/admin/customers/M-NEW?lang=en");
        assertThat(oldPage.status()).isEqualTo(302);
        assertThat(oldPage.location()).endsWith("/customers/M-OLD");

        JobRuns.JobRun verified = run("points-verification");
        assertThat(verified.outcome()).contains("every balance equals its entries");

        // again: the host's event, the reverse merge and the API's repeat change nothing and fail nowhere
        server.runtime.publisher().publish(new CustomerMerged("merge-again", now, "M-OLD", "M-NEW"));
        server.runtime.publisher().publish(new CustomerMerged("merge-reverse", now, "M-NEW", "M-OLD"));
        JsonNode repeat = api("POST", "/duplicates/" + pair.id() + "/merge", "{\"survivor\":\"M-OLD\"}");
        assertThat(repeat.get("changed").asBoolean()).isFalse();
        assertThat(count("SELECT count(*) FROM event_inbox WHERE event_id IN ('merge-again', 'merge-reverse') AND status = 'DONE'"))
                .isEqualTo(2);
        assertThat(count("""
                SELECT count(*) FROM member_merge mm JOIN member m ON m.id = mm.merged_id
                WHERE m.customer_ref IN ('M-OLD', 'M-NEW')""")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'customer.merge' AND subject = 'customer:M-OLD'"))
                .isEqualTo(1);
        JsonNode after = api("GET", "/customers/M-OLD/points?limit=200", null);
        assertThat(after.get("available").asLong()).isEqualTo(survivor.get("available").asLong());
        assertThat(after.get("totalEntries").asLong()).isEqualTo(survivor.get("totalEntries").asLong());
        assertThat(run("points-verification").outcome()).contains("every balance equals its entries");

        // the merged customer is found by nothing now: the next run proposes no pair with it
        run("customer-duplicates");
        assertThat(port(Duplicates.class).open(100)).noneMatch(p -> p.first().customerRef().startsWith("M-")
                || p.second().customerRef().startsWith("M-"));
    }

    @Test
    void debt_of_the_merged_account_is_paid_from_the_survivors_available_points_and_the_ledger_still_proves() {
        Instant now = server.runtime.context().clock().instant();
        customer("P-KEEP", now.minus(Duration.ofDays(100)), "p.keep@example.jp", "高橋 一", null);
        customer("P-DEBT", now.minus(Duration.ofDays(50)), "p.debt@example.jp", "高橋 二", null);
        deliveredOrder("P-KEEP", "PK-1", 8_000, now.minus(Duration.ofDays(20)));
        deliveredOrder("P-DEBT", "PD-1", 3_000, now.minus(Duration.ofDays(20)));
        run("points-confirmation");
        long owed = api("GET", "/customers/P-DEBT/points", null).get("available").asLong();
        assertThat(owed).isPositive();
        // the points are spent (an adjustment), then the order that earned them is returned: the reversal is debt
        api("POST", "/customers/P-DEBT/points/adjustments", "{\"points\":" + (-owed) + ",\"reason\":\"テスト用の差し引き\"}");
        server.runtime.publisher().publish(new dev.kizuna.core.spi.OrderReturned("ret-PD-1", now.minus(Duration.ofDays(1)),
                "PD-1", List.of(new dev.kizuna.core.spi.OrderReturned.ReturnedLine("TEA-1", 1))));
        assertThat(api("GET", "/customers/P-DEBT/points", null).get("debt").asLong()).isEqualTo(owed);
        long kept = api("GET", "/customers/P-KEEP/points", null).get("available").asLong();
        assertThat(kept).isGreaterThan(owed);

        server.runtime.publisher().publish(new CustomerMerged("merge-debt", now, "P-KEEP", "P-DEBT"));

        JsonNode survivor = api("GET", "/customers/P-KEEP/points?limit=200&lang=en", null);
        assertThat(survivor.get("available").asLong()).isEqualTo(kept - owed);
        assertThat(survivor.get("debt").asLong()).isZero();
        assertThat(survivor.get("history").toString()).contains("Debt paid from available points when accounts were merged");
        assertThat(run("points-verification").outcome()).contains("every balance equals its entries");
    }

    @Test
    void a_dismissed_pair_stays_dismissed_when_found_again() {
        Instant now = server.runtime.context().clock().instant();
        customer("D-1", now.minus(Duration.ofDays(50)), "d1.dismiss@example.jp", "鈴木 一", "03-5555-0101");
        customer("D-2", now.minus(Duration.ofDays(40)), "d2.dismiss@example.jp", "鈴木 二", "03 5555 0101");
        run("customer-duplicates");
        DuplicatePair pair = port(Duplicates.class).open(100).stream()
                .filter(p -> p.first().customerRef().equals("D-1")).findFirst().orElseThrow();
        assertThat(pair.evidence()).containsExactly(DuplicateEvidence.PHONE);
        admin.get("/crm/admin/duplicates?lang=en");
        assertThat(admin.post("/crm/admin/duplicates/" + pair.id() + "/dismiss", Map.of("survivor", "D-1")).status())
                .isEqualTo(302);
        run("customer-duplicates");
        assertThat(port(Duplicates.class).open(100)).noneMatch(p -> p.id() == pair.id());
        assertThat(count("SELECT count(*) FROM duplicate_pair WHERE id = ? AND status = 'DISMISSED'", pair.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'duplicates.dismiss' AND subject = ?",
                "duplicate-pair:" + pair.id())).isEqualTo(1);
        WebClient.Response refused = admin.send("POST", "/crm/api/duplicates/" + pair.id() + "/merge?lang=ja",
                "{\"survivor\":\"D-9\"}", TOKEN);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"survivor\"").contains("残す顧客");
        WebClient.Response noPair = admin.send("POST", "/crm/api/duplicates/987654/merge?lang=ja",
                "{\"survivor\":\"D-1\"}", TOKEN);
        assertThat(noPair.status()).isEqualTo(404);
        assertThat(noPair.body()).as("in the caller's language").contains("重複候補の組 987654 はありません");
        assertThat(admin.send("POST", "/crm/api/duplicates/987654/dismiss?lang=en", "{}", TOKEN).body())
                .contains("there is no duplicate pair 987654");
    }
}
