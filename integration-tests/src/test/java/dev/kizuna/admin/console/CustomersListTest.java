package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.FakeHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customers list as a clerk uses it: everyone a page at a time, newest first; sorted by spend; found by part of
 * a name in kanji or kana, by e-mail, phone or member number; narrowed by rank or segment; refusing a search text
 * or a filter value it cannot take beside the field instead of failing.
 */
class CustomersListTest {
    static ConsoleServer server;
    static WebClient admin;
    static final Instant START = Instant.parse("2026-01-05T01:00:00Z");

    @BeforeAll
    static void start() {
        server = ConsoleServer.start(new FakeHost(), Map.of());
        admin = server.signedIn(ConsoleServer.ADMIN);
        String[] names = {"山田 花子", "佐藤 ハナコ", "鈴木 一郎", "高橋 美咲", "田中 太郎"};
        for (int i = 1; i <= 25; i++) {
            server.runtime.publisher().publish(new CustomerRegistered("reg-" + i, START.plusSeconds(86_400L * i), "L-" + i,
                    "member" + i + "@example.jp", names[(i - 1) % names.length] + (i > 5 ? i : ""),
                    LocalDate.of(1990, 1, 1), "ja", Map.of(), i == 3 ? "090-1234-5678" : null));
        }
        order("O-1", "L-1", 5_000, 40);
        order("O-2", "L-2", 12_000, 41);
        order("O-3", "L-3", 800, 42);
        order("O-4", "L-4", 90_000, 43);
        server.runtime.publisher().publish(new OrderCancelled("can-O-4", START.plusSeconds(86_400L * 44), "O-4"));
    }

    static void order(String id, String customer, long total, int day) {
        server.runtime.publisher().publish(new OrderSubmitted("sub-" + id, START.plusSeconds(86_400L * day), id, customer,
                "JPY", OrderSubmitted.Channel.WEB, List.of(new OrderSubmitted.OrderLine("TEA", "tea", 1, total, 0)),
                total, 0, 0, 0, 0, null, total));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> refs(String body) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("id=\"customer-link-\\d+\">([^<]+)</a>").matcher(body);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String list(String query) {
        WebClient.Response r = admin.get("/crm/admin/customers?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void everyone_is_listed_newest_first_a_page_at_a_time() {
        String first = list("lang=ja");
        assertThat(refs(first)).hasSize(20).startsWith("L-25", "L-24").endsWith("L-6");
        Matcher next = Pattern.compile("id=\"page-next\" href=\"([^\"]+)\"").matcher(first);
        assertThat(next.find()).isTrue();
        String second = admin.get(next.group(1).replace("&amp;", "&")).body();
        assertThat(refs(second)).containsExactly("L-5", "L-4", "L-3", "L-2", "L-1");
        assertThat(second).doesNotContain("id=\"page-next\"").contains("id=\"page-first\"");
        assertThat(first).contains("登録日").contains("購入金額").contains("利用可能ポイント").contains("RFM セグメント")
                .contains("例：花子、やまだ、hanako@example.jp").doesNotContain("C-1001");
    }

    @Test
    void sorted_by_spend_the_biggest_spenders_come_first_and_a_cancelled_order_counts_nothing() {
        String body = list("lang=ja&sort=spend");
        assertThat(refs(body)).startsWith("L-2", "L-1", "L-3");
        assertThat(body).contains("¥12,000").doesNotContain("¥90,000");
        assertThat(refs(list("sort=last-order"))).as("no kept order: after those with one").startsWith("L-3", "L-2", "L-1", "L-25");
    }

    @Test
    void a_customer_is_found_by_part_of_the_name_in_kanji_or_kana_by_e_mail_phone_or_member_number() {
        assertThat(refs(list(q("花子")))).contains("L-1", "L-6").doesNotContain("L-2", "L-3");
        assertThat(refs(list(q("田花")))).as("the middle of 山田花子").contains("L-1");
        assertThat(refs(list(q("はなこ")))).as("katakana by hiragana").contains("L-2", "L-7").doesNotContain("L-1");
        assertThat(refs(list(q("山田花子")))).contains("L-1");
        assertThat(refs(list(q("member7@example.jp")))).containsExactly("L-7");
        assertThat(refs(list(q("090-1234-5678")))).containsExactly("L-3");
        assertThat(refs(list(q("L-12")))).containsExactly("L-12");
        assertThat(refs(list(q("花子") + "&sort=spend"))).startsWith("L-1");
    }

    @Test
    void filters_narrow_the_list_and_a_value_not_offered_is_refused_beside_its_field() {
        assertThat(refs(list("f.answered=no"))).hasSize(20);
        assertThat(refs(list("f.answered=yes"))).isEmpty();
        assertThat(list("lang=ja")).contains("name=\"f.rank\"").contains("name=\"f.segment\"")
                .contains("name=\"f.ltv-decile\"").contains("第10デシル");
        WebClient.Response refused = admin.get("/crm/admin/customers?lang=ja&f.segment=nonexistent");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"customer-f-segment-error\"").contains("一覧にない値です");
    }

    @Test
    void a_long_search_text_is_refused_on_the_page_not_by_the_server() {
        WebClient.Response r = admin.get("/crm/admin/customers?lang=ja&" + q("花".repeat(300)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("id=\"customer-q-error\"").contains("100").contains("<h1>")
                .doesNotContain("HTTP ERROR");
        WebClient.Response en = admin.get("/crm/admin/customers?lang=en&" + q("x".repeat(20_000)));
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body()).contains("At most 100 characters");
    }
}
