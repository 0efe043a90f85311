package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.it.ShopClient.Line;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member's rank in the demo shop: Silver (200 points and 2 orders in 6 months) right after the confirming job,
 * Silver's ×1.2 on the next order, and back to Regular when the window moves past those orders.
 */
class RankFlowTest {
    /** The shop's own API acts on orders for the shop: with the dev token. */
    final ShopClient shop = ShopClient.admin();
    final ShopClient admin = ShopClient.admin();

    JsonNode rank(String customer) {
        ShopClient.Response r = admin.get("/crm/api/customers/" + customer + "/rank");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    long pending(String customer) {
        return admin.get("/crm/api/customers/" + customer + "/points").get("pending").asLong();
    }

    @Test
    void crossing_silver_upgrades_at_once_earns_more_and_the_moving_window_downgrades() {
        admin.setClock("2028-01-10T10:00:00+09:00");
        String customer = shop.customer("rank-flow@example.jp", "ランク 太郎", null);
        for (int i = 0; i < 2; i++) {
            String order = shop.placedOrder(customer, List.of(new Line("TEA-001", "tea", 2, 5000)), null);
            shop.orderAction(order, "deliver", null);
        }
        assertThat(rank(customer).get("rank").get("code").asText()).isEqualTo("REGULAR");

        admin.setClock("2028-01-26T10:00:00+09:00");
        admin.runJob("points-confirmation");
        JsonNode silver = rank(customer);
        assertThat(silver.get("rank").get("code").asText()).as("upgraded by the confirming job").isEqualTo("SILVER");
        assertThat(silver.get("history").size()).isGreaterThanOrEqualTo(1);
        assertThat(silver.get("next").get("rank").get("code").asText()).isEqualTo("GOLD");

        long before = pending(customer);
        shop.placedOrder(customer, List.of(new Line("TEA-001", "tea", 2, 5000)), null);
        assertThat(pending(customer) - before).as("Silver earns ×1.2").isEqualTo(120);

        // Seven months later the two orders have left the 6-month window: the monthly run drops the rank.
        admin.setClock("2028-08-27T03:00:00+09:00");
        admin.runJob("rank-recalculation");
        JsonNode regular = rank(customer);
        assertThat(regular.get("rank").get("code").asText()).isEqualTo("REGULAR");
        assertThat(regular.get("history").get(0).get("toCode").asText()).isEqualTo("REGULAR");
    }
}
