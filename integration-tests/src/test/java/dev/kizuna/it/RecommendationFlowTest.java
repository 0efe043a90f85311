package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.it.ShopClient.Line;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recommendations in the demo shop: four shoppers bought hojicha with the cast-iron teapot, two with the teacup; a
 * shopper who bought hojicha, and later the teacup, is offered the teapot first, and neither the tea nor the cup
 * they own, on the API, their account page and the hojicha's product page.
 */
class RecommendationFlowTest {
    final ShopClient admin = ShopClient.admin();

    static List<String> skus(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("sku").asText()));
        return out;
    }

    @Test
    void a_shopper_who_bought_tea_is_offered_the_teaware_others_bought_with_it_and_not_what_they_own() {
        // far past every other test's orders, so the 24 months the job counts hold only these
        admin.setClock("2036-06-01T10:00:00+09:00");
        for (int i = 0; i < 6; i++) {
            String other = admin.customer("recs-other-" + i + "@example.jp", "おすすめ 他" + i, null);
            String ware = i < 4 ? "WARE-002" : "WARE-001";
            admin.placedOrder(other, List.of(new Line("TEA-003", "tea", 1, 980), new Line(ware, "tableware", 1, 3_300)),
                    null);
        }
        String shopper = admin.customer("recs-shopper@example.jp", "おすすめ 花子", null);
        admin.placedOrder(shopper, List.of(new Line("TEA-003", "tea", 1, 980)), null);
        admin.setClock("2036-06-08T10:00:00+09:00");
        admin.placedOrder(shopper, List.of(new Line("WARE-001", "tableware", 1, 3_300)), null);
        JsonNode run = admin.runJob("recommendations");
        assertThat(run.toString()).contains("SUCCEEDED");

        ShopClient me = ShopClient.signedIn("recs-shopper@example.jp");
        ShopClient.Response forYou = me.get("/crm/api/me/recommendations?slot=for-you&lang=en");
        assertThat(forYou.status()).as(forYou.body()).isEqualTo(200);
        List<String> offered = skus(forYou.get("items"));
        assertThat(offered).first().isEqualTo("WARE-002");
        assertThat(offered).doesNotContain("TEA-003", "WARE-001");
        assertThat(forYou.get("items").get(0).get("name").asText()).isEqualTo("Nanbu cast-iron teapot");

        ShopClient.Response bad = me.get("/crm/api/me/recommendations?slot=everything&lang=ja");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("field").asText()).isEqualTo("slot");

        String account = me.get("/shop/account").body();
        assertThat(account).contains("id=\"kz-my-recommendations\"", "data-sku=\"WARE-002\"",
                "href=\"/shop/product?sku=WARE-002\"");

        JsonNode related = ShopClient.shop().get("/crm/api/products/TEA-003/related").json();
        assertThat(skus(related.get("boughtTogether"))).containsExactly("WARE-002", "WARE-001");
        String page = ShopClient.shop().get("/shop/product?sku=TEA-003").body();
        assertThat(page).contains("id=\"bought-with\"", "data-sku=\"WARE-002\"");
    }
}
