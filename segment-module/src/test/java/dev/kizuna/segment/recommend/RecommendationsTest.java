package dev.kizuna.segment.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.console.ShopperViews;
import dev.kizuna.core.ports.ProductRecommendations;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.spi.ProductViewed;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.CheckConstraints;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.segment.ShopHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * A small tea shop: four customers bought sencha with a teapot or a teacup, three cancelled orders paired sencha
 * with yokan, and viewers of the tea handbook went on to buy yokan. The shopper S bought sencha only and viewed the
 * handbook.
 */
@KizunaTest
class RecommendationsTest {
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    @BeforeAll
    static void shop(KizunaRuntime kizuna, FakeHost host) {
        host.catalog = FakeHost.catalog(List.of(FakeHost.category("tea", "お茶", "Tea")), List.of(
                FakeHost.product("TEA-1", "煎茶", "Sencha", "tea"),
                FakeHost.product("POT", "急須", "Teapot", "tea"),
                FakeHost.product("CUP", "湯呑み", "Teacup", "tea"),
                FakeHost.product("SWEET", "羊羹", "Yokan", "tea"),
                FakeHost.product("BOOK", "日本茶の教科書", "Tea handbook", "tea")));
        ShopHistory shop = new ShopHistory(kizuna);
        for (String c : List.of("C1", "C2", "C3", "C4", "X1", "X2", "X3", "V1", "V2", "V3", "S")) {
            shop.customer(c, "Customer " + c);
        }
        order(kizuna, "C1", 30, false, "TEA-1", "POT");
        order(kizuna, "C2", 29, false, "TEA-1", "POT", "CUP");
        order(kizuna, "C3", 28, false, "TEA-1", "CUP");
        order(kizuna, "C4", 27, false, "TEA-1", "POT");
        for (String x : List.of("X1", "X2", "X3")) {
            order(kizuna, x, 26, true, "TEA-1", "SWEET");
        }
        // V1 and V2 viewed the handbook, then bought yokan; V3 bought yokan before ever viewing the handbook
        view(kizuna, "V1", "BOOK", 20);
        view(kizuna, "V2", "BOOK", 20);
        order(kizuna, "V1", 19, false, "SWEET");
        order(kizuna, "V2", 18, false, "SWEET");
        order(kizuna, "V3", 17, false, "SWEET");
        view(kizuna, "V3", "BOOK", 16);
        order(kizuna, "S", 10, false, "TEA-1");
        view(kizuna, "S", "BOOK", 3);
        view(kizuna, "S", "CUP", 2);
        shop.clock(ShopHistory.noon(TODAY, 0));
        shop.run(RecommendationJob.NAME);
    }

    static void order(KizunaRuntime kizuna, String customer, int daysAgo, boolean cancelled, String... skus) {
        Instant at = ShopHistory.noon(TODAY, daysAgo);
        String orderId = "O-" + ShopHistory.id();
        List<OrderSubmitted.OrderLine> lines = new ArrayList<>();
        for (String sku : skus) {
            lines.add(new OrderSubmitted.OrderLine(sku, "tea", 1, 1_000, 0));
        }
        long total = 1_000L * skus.length;
        kizuna.publisher().publish(new OrderSubmitted(ShopHistory.id(), at, orderId, customer, "JPY",
                OrderSubmitted.Channel.WEB, lines, total, 0, 0, 0, 0, null, total));
        if (cancelled) {
            kizuna.publisher().publish(new OrderCancelled(ShopHistory.id(), at.plusSeconds(60), orderId));
        }
    }

    static void view(KizunaRuntime kizuna, String customer, String sku, int daysAgo) {
        kizuna.publisher().publish(new ProductViewed(ShopHistory.id(), ShopHistory.noon(TODAY, daysAgo).minusSeconds(3600),
                customer, sku, "tea"));
    }

    static List<String> skus(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("sku").asText()));
        return out;
    }

    @Test
    void bought_together_ranks_by_cosine_over_orders_that_were_not_cancelled(KizunaRuntime kizuna) {
        List<Object[]> rows = kizuna.context().database().inTransaction(tx -> tx.sql().list(
                "SELECT neighbour, score, support FROM product_neighbour WHERE kind = 'BOUGHT_TOGETHER' AND sku = 'TEA-1'"
                        + " ORDER BY position", rs -> new Object[] {rs.getString(1), rs.getDouble(2), rs.getInt(3)}));
        assertThat(rows).extracting(r -> r[0]).containsExactly("POT", "CUP");
        // sencha is in 5 orders (S's too), the teapot in 3 of them together with it, the teacup in 2
        assertThat((double) rows.get(0)[1]).isCloseTo(3 / Math.sqrt(5 * 3), offset(1e-9));
        assertThat((int) rows.get(0)[2]).isEqualTo(3);
        assertThat((double) rows.get(1)[1]).isCloseTo(2 / Math.sqrt(5 * 2), offset(1e-9));
    }

    @Test
    void the_offline_evaluation_finds_the_neighbours_the_job_stored(KizunaRuntime kizuna) {
        // each customer ordered at most once a day, so a day's purchases are one order
        List<Object[]> lines = kizuna.context().database().inTransaction(tx -> tx.sql().list("""
                SELECT m.customer_ref, o.submitted_at, l.sku FROM order_summary o JOIN member m ON m.id = o.member_id
                JOIN order_line l ON l.order_id = o.id WHERE o.status <> 'CANCELLED'""",
                rs -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)}));
        List<OfflineEvaluation.Basket> baskets = new ArrayList<>();
        java.util.Map<String, java.util.Set<String>> byOrder = new java.util.HashMap<>();
        for (Object[] l : lines) {
            byOrder.computeIfAbsent(l[0] + "|" + l[1], k -> new java.util.HashSet<>()).add((String) l[2]);
        }
        byOrder.forEach((k, skus) -> baskets.add(new OfflineEvaluation.Basket(k.split("\\|")[0], TODAY, skus)));
        java.util.Map<String, List<OfflineEvaluation.Neighbour>> inMemory =
                OfflineEvaluation.withJobDefaults().neighbours(baskets);
        List<Object[]> stored = kizuna.context().database().inTransaction(tx -> tx.sql().list(
                "SELECT sku, neighbour, score FROM product_neighbour WHERE kind = 'BOUGHT_TOGETHER' ORDER BY sku, position",
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getDouble(3)}));
        List<String> flat = new ArrayList<>();
        inMemory.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> e.getValue()
                .forEach(n -> flat.add(e.getKey() + ">" + n.sku() + "=" + Math.round(n.score() * 1e9))));
        assertThat(stored).extracting(r -> r[0] + ">" + r[1] + "=" + Math.round((double) r[2] * 1e9))
                .containsExactlyElementsOf(flat);
        assertThat(flat).isNotEmpty();
    }

    @Test
    void a_product_page_shows_what_was_bought_with_it_and_after_viewing_it(ApiClient api) {
        JsonNode tea = api.call(new ApiClient.Nobody(), "GET", "/products/TEA-1/related", null).json();
        assertThat(tea.get("name").asText()).isEqualTo("Sencha");
        assertThat(tea.get("boughtTogether").findValuesAsText("name")).containsExactly("Teapot", "Teacup");
        JsonNode book = api.call(new ApiClient.Nobody(), "ja", "GET", "/products/BOOK/related", null).json();
        // two members bought yokan after viewing the handbook; V3 bought it before
        assertThat(book.get("viewedThenBought").findValuesAsText("name")).containsExactly("羊羹");
        assertThat(book.get("boughtTogether")).isEmpty();
    }

    @Test
    void for_you_offers_the_teaware_others_bought_with_the_tea_and_never_what_the_shopper_owns(ApiClient api) {
        ApiClient.Reply reply = api.call(new ApiClient.Shopper("S"), "GET", "/me/recommendations?slot=for-you", null);
        assertThat(reply.status()).isEqualTo(200);
        List<String> skus = skus(reply.json().get("items"));
        assertThat(skus).startsWith("POT", "CUP").doesNotContain("TEA-1");
        assertThat(reply.json().get("items").get(0).get("name").asText()).isEqualTo("Teapot");
        assertThat(reply.json().get("items").get(0).get("reason").asText()).isEqualTo("SIMILAR");
    }

    @Test
    void recently_viewed_lists_the_shoppers_views_newest_first(ApiClient api) {
        JsonNode items = api.call(new ApiClient.Shopper("S"), "GET", "/me/recommendations?slot=recently-viewed", null)
                .json().get("items");
        assertThat(skus(items)).containsExactly("CUP", "BOOK");
    }

    @Test
    void bought_together_starts_from_the_cart_when_given_and_else_from_the_latest_order(ApiClient api) {
        JsonNode fromOrder = api.call(new ApiClient.Shopper("S"), "GET", "/me/recommendations?slot=bought-together",
                null).json().get("items");
        assertThat(skus(fromOrder)).containsExactly("POT", "CUP");
        JsonNode fromCart = api.call(new ApiClient.Shopper("S"), "GET",
                "/me/recommendations?slot=bought-together&sku=POT", null).json().get("items");
        // the sencha pairs with the pot, but S owns it
        assertThat(skus(fromCart)).doesNotContain("POT", "TEA-1");
    }

    @Test
    void an_unknown_slot_is_refused_naming_the_slot_in_the_callers_language(ApiClient api) {
        ApiClient.Reply reply = api.call(new ApiClient.Shopper("S", "198.51.100.7", "ja"), "ja", "GET",
                "/me/recommendations?slot=best", null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("slot");
        assertThat(reply.json().get("detail").asText()).startsWith("表示枠").contains("for-you");
        assertThat(api.call(new ApiClient.Shopper("S"), "GET", "/me/recommendations", null).status()).isEqualTo(400);
    }

    @Test
    void mail_templates_get_the_same_suggestions_through_the_port(KizunaRuntime kizuna, ApiClient api) {
        ProductRecommendations port = kizuna.context().ports().require(ProductRecommendations.class);
        long s = new ShopHistory(kizuna).memberId("S");
        List<ProductRecommendations.Suggestion> mail = kizuna.context().database().inTransaction(tx -> port.forMember(tx, s, 10));
        List<String> served = skus(api.call(new ApiClient.Shopper("S"), "GET", "/me/recommendations?slot=for-you", null)
                .json().get("items"));
        assertThat(mail).extracting(ProductRecommendations.Suggestion::sku).containsExactlyElementsOf(served);
        assertThat(mail.get(0).name().ja()).isEqualTo("急須");
        List<ProductRecommendations.Suggestion> page = kizuna.context().database().inTransaction(tx ->
                port.boughtWith(tx, List.of("TEA-1"), 4));
        assertThat(page).extracting(ProductRecommendations.Suggestion::sku).containsExactly("POT", "CUP");
    }

    @Test
    void the_account_fragment_shows_for_you_and_recently_viewed_in_the_shoppers_language(KizunaRuntime kizuna) {
        String ja = new ShopperViews(kizuna).render("my-recommendations", "S", Locale.JAPANESE);
        assertThat(ja).contains("あなたへのおすすめ", "急須", "最近チェックした商品", "日本茶の教科書").doesNotContain("煎茶");
        String en = new ShopperViews(kizuna).render("my-recommendations", "S", Locale.ENGLISH);
        assertThat(en).contains("Recommended for you", "Teapot", "Recently viewed");
        assertThat(new ShopperViews(kizuna).render("my-recommendations", "nobody-yet", Locale.ENGLISH))
                .doesNotContain("Recently viewed");
    }

    @Test
    void the_stored_kinds_are_the_enums(KizunaRuntime kizuna) {
        CheckConstraints.assertAllowsExactly(kizuna, "product_neighbour", "kind", NeighbourKind.values());
    }
}
