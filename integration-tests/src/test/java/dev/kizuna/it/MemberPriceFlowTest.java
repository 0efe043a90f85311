package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.it.ShopClient.Line;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rank-only offers as a shopper of the demo shop sees them: Gold's member price (3 % off by default) on each cart
 * line, in the cart's total and in what the order charges, none for Silver; and a member sale Gold may enter a day
 * before Silver.
 */
class MemberPriceFlowTest {
    final ShopClient shop = ShopClient.admin();
    final ShopClient admin = ShopClient.admin();

    String rank(String customer) {
        ShopClient.Response r = admin.get("/crm/api/customers/" + customer + "/rank");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("rank").get("code").asText();
    }

    /** A new customer with {@code orders} delivered orders of 100 points each, confirmed by the later job. */
    String customerWithOrders(String email, int orders) {
        String customer = shop.customer(email, "会員 価格", null);
        for (int i = 0; i < orders; i++) {
            String order = shop.placedOrder(customer, List.of(new Line("TEA-001", "tea", 2, 5000)), null);
            shop.orderAction(order, "deliver", null);
        }
        return customer;
    }

    static String token(String page) {
        Matcher m = Pattern.compile("name=\"_token\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a form token on the page").isTrue();
        return m.group(1);
    }

    /** The cart page after putting one Arita-ware teacup (list price ¥3,300) in it. */
    static String cartWithTeacup(ShopClient shopper) {
        String token = token(shopper.get("/shop/cart").body());
        shopper.postForm("/shop/cart/add", "_token=" + token + "&sku=WARE-001");
        ShopClient.Response cart = shopper.get("/shop/cart");
        assertThat(cart.status()).isEqualTo(200);
        return cart.body();
    }

    @Test
    void a_gold_shopper_sees_and_pays_the_member_price_a_silver_one_the_list_price_and_gold_enters_the_sale_first() {
        admin.setClock("2030-03-02T10:00:00+09:00");
        String gold = customerWithOrders("member-price-gold@example.jp", 7);
        String silver = customerWithOrders("member-price-silver@example.jp", 2);
        admin.setClock("2030-03-18T10:00:00+09:00");
        admin.runJob("points-confirmation");
        assertThat(rank(gold)).isEqualTo("GOLD");
        assertThat(rank(silver)).isEqualTo("SILVER");

        ShopClient goldShopper = ShopClient.signedIn("member-price-gold@example.jp");
        // The rank pages say what the member price gives at the rank held and at the next one.
        String goldAccount = goldShopper.get("/shop/account?lang=en").body();
        assertThat(goldAccount).contains("id=\"kz-rank-member-price\">Member price: 3 % off every item<")
                .containsPattern("id=\"kz-rank-next-member-price\">At [^<:]+: Member price: 4 % off every item<");
        String silverAccount = ShopClient.signedIn("member-price-silver@example.jp").get("/shop/account?lang=ja").body();
        assertThat(silverAccount).doesNotContain("id=\"kz-rank-member-price\"")
                .containsPattern("id=\"kz-rank-next-member-price\">[^<]+になると： 会員価格：全商品 3% オフ<");
        ShopClient console = ReferralFlowTest.console();
        String goldPage = console.get("/crm/admin/customers/" + gold + "?lang=en").body();
        assertThat(goldPage).contains("id=\"rank-member-price\">3 % off every item<")
                .contains("id=\"rank-next-member-price\">4 % off every item<");
        assertThat(console.get("/crm/admin/customers/" + silver + "?lang=ja").body())
                .contains("id=\"rank-member-price\">なし<").contains("id=\"rank-next-member-price\">全商品 3% オフ<");

        String goldCart = cartWithTeacup(goldShopper);
        // 3 % of ¥3,300 is ¥99: the line shows ¥3,201 beside the struck list price, the summary the ¥99 off
        assertThat(goldCart).contains("id=\"member-price-WARE-001\"").contains("¥3,201");
        assertThat(goldCart).contains("id=\"cart-member-price\"").contains("\u2212¥99");
        assertThat(goldCart).containsPattern("会員価格|Member price");

        String silverCart = cartWithTeacup(ShopClient.signedIn("member-price-silver@example.jp"));
        assertThat(silverCart).doesNotContain("cart-member-price").doesNotContain("member-price-WARE-001")
                .contains("¥3,300");

        ShopClient.Response goldOrder = shop.order(gold, List.of(new Line("WARE-001", "tableware", 2, 3300)), null);
        assertThat(goldOrder.status()).as(goldOrder.body()).isEqualTo(201);
        assertThat(goldOrder.get("discount").asLong()).isEqualTo(198);
        assertThat(goldOrder.get("total").asLong()).isEqualTo(6600 - 198 + goldOrder.get("shipping").asLong());
        String orderPage = goldShopper.get("/shop/orders/" + goldOrder.get("id").asText()).body();
        assertThat(orderPage).contains("id=\"order-member-price\"").doesNotContain("id=\"order-discount\"");

        ShopClient.Response silverOrder = shop.order(silver, List.of(new Line("WARE-001", "tableware", 2, 3300)), null);
        assertThat(silverOrder.get("discount").asLong()).isZero();

        ShopClient.Response sale = admin.post("/crm/api/member-sales", """
                {"name":{"ja":"春の会員セール","en":"Spring member sale"},
                 "startsAt":"2030-03-22T00:00:00+09:00","endsAt":"2030-03-25T00:00:00+09:00",
                 "earlyAccess":[{"rank":"GOLD","opensAt":"2030-03-20T00:00:00+09:00"},
                                {"rank":"SILVER","opensAt":"2030-03-21T00:00:00+09:00"}]}""");
        assertThat(sale.status()).as(sale.body()).isEqualTo(201);
        String access = "/crm/api/me/member-sales/" + sale.get("id").asText() + "/access";
        ShopClient silverShopper = ShopClient.signedIn("member-price-silver@example.jp");

        admin.setClock("2030-03-20T12:00:00+09:00");
        assertThat(allowed(goldShopper, access)).as("Gold from the 20th").isTrue();
        assertThat(allowed(silverShopper, access)).as("Silver not yet").isFalse();

        admin.setClock("2030-03-21T12:00:00+09:00");
        assertThat(allowed(silverShopper, access)).as("Silver a day later").isTrue();
    }

    static boolean allowed(ShopClient shopper, String path) {
        ShopClient.Response r = shopper.get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode json = r.json();
        return json.get("allowed").asBoolean();
    }
}
