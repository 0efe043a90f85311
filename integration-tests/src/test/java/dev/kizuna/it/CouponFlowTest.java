package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.it.ShopClient.Line;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Coupons in the demo shop: a merchant's campaign at checkout, a single-use code, and the birthday coupon. */
class CouponFlowTest {
    /** The shop's own API acts on orders for the shop: with the dev token. */
    final ShopClient shop = ShopClient.admin();
    final ShopClient admin = ShopClient.admin();

    @Test
    void a_campaign_discounts_a_qualifying_order_refuses_a_small_one_and_a_single_use_code_works_once() {
        admin.setClock("2029-04-10T10:00:00+09:00");
        ShopClient.Response created = admin.post("/crm/api/campaigns", """
                {"name":{"ja":"春のセール","en":"Spring sale"},"discount":{"type":"PERCENT","value":10},
                 "minimumOrder":3000,"currency":"JPY","code":"SPRING29","validFrom":"2029-04-01T00:00:00+09:00",
                 "validTo":"2029-05-31T23:59:59+09:00","perCustomerLimit":1}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long campaign = created.get("id").asLong();
        String customer = shop.customer("coupon-flow@example.jp", "クーポン 次郎", null);

        ShopClient.Response small = shop.order(customer, List.of(new Line("TEA-003", "tea", 2, 980)), "\"couponCode\":\"SPRING29\"");
        assertThat(small.status()).isEqualTo(409);
        assertThat(small.contentType()).startsWith("application/problem+json");
        assertThat(small.get("code").asText()).isEqualTo("MINIMUM_NOT_MET");

        ShopClient.Response order = shop.order(customer, List.of(new Line("GIFT-001", "gifts", 1, 5400)), "\"couponCode\":\"SPRING29\"");
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(order.get("discount").asLong()).isEqualTo(540);

        ShopClient.Response again = shop.order(customer, List.of(new Line("GIFT-001", "gifts", 1, 5400)), "\"couponCode\":\"SPRING29\"");
        assertThat(again.status()).as("one use per customer").isEqualTo(409);

        // A single-use personal code, assigned to another customer: it works once.
        String other = shop.customer("coupon-code@example.jp", "Code Owner", null);
        ShopClient.Response codes = admin.post("/crm/api/campaigns/" + campaign + "/codes",
                "{\"assignTo\":[\"" + other + "\"]}");
        assertThat(codes.status()).as(codes.body()).isEqualTo(201);
        String code = codes.get("assigned").get(0).get("code").asText();
        ShopClient.Response first = shop.order(other, List.of(new Line("WARE-001", "tableware", 1, 3300)),
                "\"couponCode\":\"" + code + "\"");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.get("discount").asLong()).isEqualTo(330);
        ShopClient.Response reuse = shop.order(other, List.of(new Line("WARE-001", "tableware", 1, 3300)),
                "\"couponCode\":\"" + code + "\"");
        assertThat(reuse.status()).isEqualTo(409);

        JsonNode stats = admin.get("/crm/api/campaigns/" + campaign).json();
        assertThat(stats.toString()).as("discount given: 540 + 330").contains("870");
    }

    @Test
    void a_member_gets_the_birthday_coupon_and_a_mail_once_seven_days_before() {
        admin.setClock("2029-06-01T09:00:00+09:00");
        String email = "birthday-flow@example.jp";
        String customer = shop.customer(email, "誕生日 さくら", "1994-06-08");

        JsonNode first = admin.runJob("birthday-coupons");
        assertThat(first.get("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode coupons = admin.get("/crm/api/customers/" + customer + "/coupons").json();
        assertThat(coupons.size()).isEqualTo(1);
        long mails = mailsTo(email);
        assertThat(mails).isEqualTo(1);

        admin.runJob("birthday-coupons");
        assertThat(admin.get("/crm/api/customers/" + customer + "/coupons").json().size()).as("nothing new").isEqualTo(1);
        assertThat(mailsTo(email)).isEqualTo(1);
    }

    long mailsTo(String email) {
        long n = 0;
        for (JsonNode m : admin.get("/crm/api/outbox?limit=500").json()) {
            if (m.get("to").asText().equals(email) && m.get("template").asText().startsWith("birthday")) {
                n++;
            }
        }
        return n;
    }
}
