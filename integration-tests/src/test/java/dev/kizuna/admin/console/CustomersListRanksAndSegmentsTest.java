package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.spi.CartAbandoned;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.spi.ProductViewed;
import dev.kizuna.core.testing.FakeHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.kizuna.admin.console.CustomersListTest.refs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customers list by rank and by segment, as a clerk uses them: a Gold member (seven kept orders, confirmed) and
 * a Silver one (two) head the rank sort, the rank filter keeps one rank, and the segment filter offers the
 * behavioural segments beside the RFM ones, each by its name in the reader's language, and keeps whom it names.
 */
class CustomersListRanksAndSegmentsTest {
    static ConsoleServer server;
    static WebClient admin;
    static final Instant START = Instant.parse("2026-01-05T01:00:00Z");
    static final Instant NOW = Instant.parse("2026-02-15T01:00:00Z");

    @BeforeAll
    static void start() {
        server = ConsoleServer.start(new FakeHost(), Map.of());
        admin = server.signedIn(ConsoleServer.ADMIN);
        server.runtime.context().clock().set(NOW);
        for (int i = 1; i <= 6; i++) {
            server.runtime.publisher().publish(new CustomerRegistered("reg-" + i, START.plusSeconds(3_600L * i), "L-" + i,
                    "member" + i + "@example.jp", "会員 " + i, LocalDate.of(1990, 1, 1), "ja", Map.of(), null));
        }
        order("L-1", "O-1-1", 3_000);
        for (int i = 1; i <= 7; i++) {
            order("L-2", "O-2-" + i, 10_000);
        }
        order("L-3", "O-3-1", 10_000);
        order("L-3", "O-3-2", 10_000);
        server.runtime.publisher().publish(new CartAbandoned("cart-4", NOW.minusSeconds(86_400L * 3), "L-4", 5_000, "JPY"));
        server.runtime.publisher().publish(new ProductViewed("view-5", NOW.minusSeconds(86_400L * 2), "L-5", "TEA", "tea"));
        var confirmation = server.runtime.context().jobs().find("points-confirmation").orElseThrow();
        assertThat(server.runtime.jobRuns().run(confirmation, "manual", null).status()).isEqualTo(JobRunStatus.SUCCEEDED);
    }

    /** An order submitted and delivered three weeks before now, its points confirmed by the job. */
    static void order(String customer, String id, long total) {
        Instant at = NOW.minusSeconds(86_400L * 21);
        server.runtime.publisher().publish(new OrderSubmitted("sub-" + id, at, id, customer, "JPY",
                OrderSubmitted.Channel.WEB, List.of(new OrderSubmitted.OrderLine("TEA", "tea", 1, total, 0)),
                total, 0, 0, 0, 0, null, total));
        server.runtime.publisher().publish(new OrderDelivered("del-" + id, at.plusSeconds(3_600), id));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static WebClient.Response get(String query) {
        return admin.get("/crm/admin/customers?" + query);
    }

    static List<String> list(String query) {
        WebClient.Response r = get(query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return refs(r.body());
    }

    static String segment(String key) {
        return "f.segment=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    @Test
    void sorted_by_rank_gold_comes_first_then_silver_then_the_base_rank_newest_first() {
        WebClient.Response r = get("lang=ja&sort=rank");
        assertThat(r.status()).isEqualTo(200);
        assertThat(refs(r.body())).containsExactly("L-2", "L-3", "L-6", "L-5", "L-4", "L-1");
        assertThat(r.body()).contains("id=\"col-rank\" aria-sort=\"descending\"").contains("ゴールド").contains("シルバー");
    }

    @Test
    void the_rank_filter_keeps_the_members_of_one_rank_the_base_rank_included() {
        assertThat(list("f.rank=GOLD")).containsExactly("L-2");
        assertThat(list("f.rank=SILVER&sort=spend")).containsExactly("L-3");
        assertThat(list("f.rank=REGULAR")).containsExactly("L-6", "L-5", "L-4", "L-1");
        assertThat(list("f.rank=PLATINUM")).isEmpty();
    }

    @Test
    void the_segment_filter_offers_behavioural_segments_by_name_in_the_readers_language() {
        String ja = get("lang=ja").body();
        assertThat(ja).contains("<label for=\"customer-f-segment\">セグメント</label>")
                .contains("<option value=\"behaviour:cart-abandoners\">かご落ち顧客（直近30日）</option>")
                .contains("<option value=\"behaviour:viewed-not-bought:tea\">「お茶」を閲覧したが未購入（直近30日）</option>")
                .contains("<option value=\"behaviour:first-order-only\">初回購入のみの顧客</option>")
                .contains("<option value=\"behaviour:no-result-searchers\">検索結果ゼロの顧客（直近30日）</option>")
                .contains("<option value=\"ltv:likely-lapsed\">離反の可能性が高いリピーター</option>")
                .contains("<option value=\"rfm:champions\">チャンピオン</option>");
        assertThat(ja).as("no option named by its key").doesNotContainPattern(">(rfm|behaviour|ltv):[^<]*</option>");
        String en = get("lang=en").body();
        assertThat(en).contains(">Viewed Tea but did not buy (last 30 days)</option>")
                .contains(">Cart abandoners (last 30 days)</option>").contains(">First order only</option>");
    }

    @Test
    void a_behavioural_segment_keeps_whom_it_names() {
        assertThat(list(segment("behaviour:cart-abandoners"))).containsExactly("L-4");
        assertThat(list(segment("behaviour:viewed-not-bought:tea"))).containsExactly("L-5");
        assertThat(list(segment("behaviour:first-order-only") + "&sort=rank")).containsExactly("L-1");
        assertThat(list(segment("behaviour:no-result-searchers"))).isEmpty();
        WebClient.Response refused = get("lang=en&" + segment("behaviour:viewed-not-bought:shoes"));
        assertThat(refused.status()).as("a category no one viewed is not offered").isEqualTo(400);
        assertThat(refused.body()).contains("id=\"customer-f-segment-error\"");
    }
}
