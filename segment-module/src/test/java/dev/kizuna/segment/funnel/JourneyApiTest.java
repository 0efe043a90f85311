package dev.kizuna.segment.funnel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.core.web.Role;
import dev.kizuna.segment.ShopHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey funnel and retention cohorts over the API, on a small shop: counts by registration month, channel and
 * category, a cancelled order not counted, months in the shop's zone, the merchant's regulars, CSV exports, and
 * refused parameters named in the caller's language.
 */
@KizunaTest
class JourneyApiTest {
    static final ApiClient.As MARKETER = new ApiClient.Console(Role.MARKETER);

    static Instant tokyo(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ShopHistory.TOKYO).toInstant();
    }

    static void publish(KizunaRuntime kizuna, HostEvent event) {
        assertThat(kizuna.publisher().publishAll(List.of(event))).containsOnly(EventPublisher.Outcome.APPLIED);
    }

    static void register(KizunaRuntime kizuna, String ref, String at) {
        publish(kizuna, new CustomerRegistered(ShopHistory.id(), tokyo(at), ref, ref.toLowerCase() + "@example.jp", ref,
                null, "ja", Map.of()));
    }

    static String order(KizunaRuntime kizuna, String ref, String at, OrderSubmitted.Channel channel, String category) {
        String orderId = "O-" + ShopHistory.id();
        publish(kizuna, new OrderSubmitted(ShopHistory.id(), tokyo(at), orderId, ref, "JPY", channel,
                List.of(new OrderSubmitted.OrderLine("SKU-" + category, category, 1, 2_000, 0),
                        new OrderSubmitted.OrderLine("SKU-note", "stationery", 1, 300, 0)),
                2_300, 0, 0, 0, 0, null, 2_300));
        return orderId;
    }

    @BeforeAll
    static void shop(KizunaRuntime kizuna) {
        ShopHistory shop = new ShopHistory(kizuna);
        shop.clock(tokyo("2026-06-15T12:00"));
        OrderSubmitted.Channel web = OrderSubmitted.Channel.WEB;
        register(kizuna, "A", "2026-01-10T10:00");
        order(kizuna, "A", "2026-01-12T10:00", web, "tea");
        order(kizuna, "A", "2026-02-20T10:00", web, "tea");
        order(kizuna, "A", "2026-03-25T10:00", web, "teaware");
        register(kizuna, "B", "2026-01-31T23:30");
        shop.cancel(order(kizuna, "B", "2026-02-05T10:00", web, "tea"), tokyo("2026-02-05T11:00"));
        order(kizuna, "B", "2026-02-15T10:00", web, "books");
        register(kizuna, "C", "2026-02-01T00:30");
        register(kizuna, "D", "2026-02-10T10:00");
        order(kizuna, "D", "2026-02-11T10:00", OrderSubmitted.Channel.STORE, "teaware");
        order(kizuna, "D", "2026-04-11T10:00", web, "tea");
        register(kizuna, "E", "2025-06-01T10:00");
        order(kizuna, "E", "2025-06-05T10:00", web, "tea");
        order(kizuna, "E", "2025-07-05T10:00", web, "tea");
        shop.run("rfm-scoring");
    }

    static List<Long> members(JsonNode group) {
        List<Long> out = new ArrayList<>();
        group.get("stages").forEach(s -> out.add(s.get("members").asLong()));
        return out;
    }

    static List<String> keys(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("groups").forEach(g -> out.add(g.hasNonNull("key") ? g.get("key").asText() : null));
        return out;
    }

    @Test
    void the_funnel_counts_the_members_registered_in_the_last_twelve_months_by_month_in_the_shops_zone(ApiClient api) {
        ApiClient.Reply reply = api.call(MARKETER, "GET", "/funnel", null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode funnel = reply.json();
        assertThat(funnel.get("from").asText()).isEqualTo("2025-07-01");
        assertThat(funnel.get("to").asText()).isEqualTo("2026-06-15");
        // who is a regular is the merchant's to say (another test changes it)
        assertThat(members(funnel.get("total")).subList(0, 4)).containsExactly(4L, 3L, 2L, 1L);
        // B registered at 23:30 on 31 January and C half an hour past midnight on 1 February, Tokyo time
        assertThat(keys(funnel)).containsExactly("2026-01", "2026-02");
        assertThat(members(funnel.get("groups").get(0)).subList(0, 4)).containsExactly(2L, 2L, 1L, 1L);
        assertThat(members(funnel.get("groups").get(1))).containsExactly(2L, 1L, 1L, 0L, 0L);
        JsonNode first = funnel.get("total").get("stages").get(1);
        assertThat(first.get("conversion").asDouble()).isEqualTo(0.75);
        // A 2 days, B 14 days (the cancelled order five days in does not count), D 1 day
        assertThat(first.get("medianDays").asDouble()).isEqualTo(2.0);
        JsonNode withE = api.call(MARKETER, "GET", "/funnel?from=2025-06-01&to=2025-06-30", null).json();
        assertThat(members(withE.get("total"))).containsExactly(1L, 1L, 1L, 0L, 0L);
    }

    @Test
    void by_channel_and_category_of_the_first_order_not_cancelled(ApiClient api) {
        JsonNode byChannel = api.call(MARKETER, "GET", "/funnel?by=channel&from=2026-01-01&to=2026-06-30", null).json();
        assertThat(keys(byChannel)).containsExactly("WEB", "STORE", null);
        assertThat(members(byChannel.get("groups").get(0)).subList(0, 4)).containsExactly(2L, 2L, 1L, 1L);
        assertThat(members(byChannel.get("groups").get(1))).containsExactly(1L, 1L, 1L, 0L, 0L);
        assertThat(members(byChannel.get("groups").get(2))).containsExactly(1L, 0L, 0L, 0L, 0L);
        JsonNode byCategory = api.call(MARKETER, "GET", "/funnel?by=category&from=2026-01-01", null).json();
        // B's cancelled first order was tea; the books order is their first
        assertThat(keys(byCategory)).containsExactly("books", "tea", "teaware", null);
    }

    @Test
    void regulars_are_the_members_with_a_third_order_in_the_merchants_segments(ApiClient api) {
        ApiClient.Reply all = api.call(MARKETER, "PUT", "/funnel/regular", """
                {"rfmSegments":["champions","loyal","potential-loyalists","new","promising","needs-attention",
                 "about-to-sleep","at-risk","cant-lose-them","hibernating","lost"]}""");
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        assertThat(members(api.call(MARKETER, "GET", "/funnel", null).json().get("total")))
                .containsExactly(4L, 3L, 2L, 1L, 1L);
        ApiClient.Reply unknown = api.call(MARKETER, "ja", "PUT", "/funnel/regular", "{\"rfmSegments\":[\"vip\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("rfmSegments");
        assertThat(unknown.json().get("detail").asText()).contains("常連とする RFM セグメント");
        assertThat(api.call(MARKETER, "GET", "/funnel/regular", null).json().get("rfmSegments")).hasSize(11);
        assertThat(api.call(MARKETER, "PUT", "/funnel/regular", "{\"rfmSegments\":[]}").status()).isEqualTo(200);
        assertThat(members(api.call(MARKETER, "GET", "/funnel", null).json().get("total")))
                .containsExactly(4L, 3L, 2L, 1L, 0L);
        api.call(MARKETER, "PUT", "/funnel/regular", "{\"rfmSegments\":[\"champions\",\"loyal\"]}");
    }

    @Test
    void retention_shares_by_first_order_month(ApiClient api) {
        JsonNode r = api.call(MARKETER, "GET", "/cohorts/retention", null).json();
        List<String> months = new ArrayList<>();
        r.get("cohorts").forEach(c -> months.add(c.get("month").asText()));
        // E's first order fell in June 2025, before the default twelve months
        assertThat(months).containsExactly("2026-01", "2026-02");
        JsonNode january = r.get("cohorts").get(0);
        assertThat(january.get("customers").asLong()).isEqualTo(1);
        assertThat(january.get("share").get(0).asDouble()).isEqualTo(1.0);
        assertThat(january.get("share").get(1).asDouble()).isEqualTo(1.0);
        assertThat(january.get("share").get(2).asDouble()).isEqualTo(0.0);
        assertThat(january.get("share").get(4).isNull()).isFalse();
        assertThat(january.get("share").get(5).isNull()).isTrue();
        JsonNode february = r.get("cohorts").get(1);
        assertThat(february.get("customers").asLong()).isEqualTo(2);
        assertThat(february.get("returning").get(1).asLong()).isEqualTo(1);
        assertThat(february.get("share").get(1).asDouble()).isEqualTo(0.5);
        JsonNode older = api.call(MARKETER, "GET", "/cohorts/retention?from=2025-06&to=2025-06-30", null).json();
        assertThat(older.get("cohorts").get(0).get("returning").get(0).asLong()).isEqualTo(1);
    }

    @Test
    void csv_exports_are_utf8_with_a_bom(ApiClient api) {
        ApiClient.Reply funnel = api.call(MARKETER, "GET", "/funnel.csv?by=channel", null);
        assertThat(funnel.status()).isEqualTo(200);
        assertThat(funnel.headers().get("content-type")).startsWith("text/csv");
        assertThat(funnel.text()).startsWith("\uFEFFbreakdown,group,step,members,conversion,of_registered,median_days");
        assertThat(funnel.text()).contains("channel,STORE,FIRST_ORDER,1,1.0000,1.0000,1.0");
        ApiClient.Reply retention = api.call(MARKETER, "GET", "/cohorts/retention.csv", null);
        assertThat(retention.text()).startsWith("\uFEFFcohort,customers,month_1_customers,month_1_share")
                .contains("2026-02,2,0,0.0000,1,0.5000");
    }

    @Test
    void bad_parameters_are_refused_naming_the_field_in_the_callers_language(ApiClient api) {
        ApiClient.Reply by = api.call(MARKETER, "ja", "GET", "/funnel?by=week", null);
        assertThat(by.status()).isEqualTo(400);
        assertThat(by.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(by.json().get("field").asText()).isEqualTo("by");
        assertThat(by.json().get("detail").asText()).startsWith("内訳");
        ApiClient.Reply from = api.call(MARKETER, "en", "GET", "/funnel?from=2026-13-01", null);
        assertThat(from.json().get("field").asText()).isEqualTo("from");
        assertThat(from.json().get("detail").asText()).contains("YYYY-MM-DD");
        ApiClient.Reply order = api.call(MARKETER, "en", "GET", "/funnel?from=2026-05-01&to=2026-04-01", null);
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.json().get("field").asText()).isEqualTo("to");
        ApiClient.Reply month = api.call(MARKETER, "ja", "GET", "/cohorts/retention?from=2026/05", null);
        assertThat(month.json().get("field").asText()).isEqualTo("from");
        assertThat(month.json().get("detail").asText()).contains("YYYY-MM");
        // a year past the database's timestamps is refused, not a 500
        ApiClient.Reply far = api.call(MARKETER, "en", "GET", "/funnel?to=%2B294277-01-01", null);
        assertThat(far.status()).as(far.text()).isEqualTo(400);
        assertThat(far.json().get("field").asText()).isEqualTo("to");
        assertThat(far.json().get("detail").asText()).contains("2200");
        ApiClient.Reply farMonth = api.call(MARKETER, "ja", "GET", "/cohorts/retention?from=%2B294277-01", null);
        assertThat(farMonth.status()).as(farMonth.text()).isEqualTo(400);
        assertThat(farMonth.json().get("field").asText()).isEqualTo("from");
        assertThat(api.call(new ApiClient.Console(Role.SUPPORT), "GET", "/funnel", null).status()).isEqualTo(403);
    }
}
