package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.it.ShopClient.Line;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The points story of the demo shop, as a shopper lives it through the shop's and Kizuna's APIs. */
class PointsFlowTest {
    /** The shop's own API acts on orders for the shop: with the dev token. */
    final ShopClient shop = ShopClient.admin();
    final ShopClient admin = ShopClient.admin();

    record Balance(long available, long pending, long debt) {
    }

    Balance balance(String customerId) {
        ShopClient.Response r = admin.get("/crm/api/customers/" + customerId + "/points");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        return new Balance(j.get("available").asLong(), j.get("pending").asLong(), j.get("debt").asLong());
    }

    @Test
    void points_are_earned_pending_confirmed_after_the_return_window_redeemed_given_back_and_reversed_on_return() {
        admin.setClock("2027-02-01T10:00:00+09:00");
        String customer = shop.customer("points-flow@example.jp", "ポイント 花子", null);
        // A first order, so one-off first-order bonuses (if the merchant set any) don't blur the figures below.
        String first = shop.placedOrder(customer, List.of(new Line("TEA-001", "tea", 1, 1000)), null);
        shop.orderAction(first, "cancel", null);
        Balance start = balance(customer);

        // A 10,000 JPY order earns 100 pending points (1 point per 100 JPY, shipping excluded).
        String order = shop.placedOrder(customer, List.of(new Line("TEA-001", "tea", 2, 5000)), null);
        Balance earned = balance(customer);
        assertThat(earned.pending() - start.pending()).isEqualTo(100);
        assertThat(earned.available()).isEqualTo(start.available());

        // Delivered, then the 14-day return window passes: the confirmation job makes them available.
        shop.orderAction(order, "deliver", null);
        admin.setClock("2027-02-10T10:00:00+09:00");
        admin.runJob("points-confirmation");
        assertThat(balance(customer).pending()).as("still inside the return window").isEqualTo(earned.pending());
        admin.setClock("2027-02-17T10:00:00+09:00");
        JsonNode run = admin.runJob("points-confirmation");
        assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
        Balance confirmed = balance(customer);
        assertThat(confirmed.available() - start.available()).isEqualTo(100);
        assertThat(confirmed.pending()).isEqualTo(start.pending());

        // Paying 50 of a 3,000 JPY order with points charges 50 JPY less and spends them.
        ShopClient.Response paid = shop.order(customer, List.of(new Line("WARE-001", "tableware", 1, 3000)),
                "\"pointsToRedeem\":50");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        long shipping = paid.json().has("shipping") ? paid.get("shipping").asLong() : 0;
        assertThat(paid.get("pointsRedeemed").asLong()).isEqualTo(50);
        assertThat(paid.get("total").asLong()).isEqualTo(3000 - 50 + shipping);
        assertThat(balance(customer).available()).isEqualTo(confirmed.available() - 50);

        // Cancelling it gives the 50 points back and drops what it would have earned.
        shop.orderAction(paid.get("id").asText(), "cancel", null);
        Balance afterCancel = balance(customer);
        assertThat(afterCancel.available()).isEqualTo(confirmed.available());
        assertThat(afterCancel.pending()).isEqualTo(confirmed.pending());

        // Spending more than the balance is refused with the field named, and nothing changes.
        ShopClient.Response tooMuch = shop.order(customer, List.of(new Line("WARE-001", "tableware", 1, 3000)),
                "\"pointsToRedeem\":" + (confirmed.available() + 1));
        assertThat(tooMuch.status()).isBetween(400, 409);
        assertThat(tooMuch.contentType()).startsWith("application/problem+json");
        assertThat(balance(customer)).isEqualTo(afterCancel);

        // A partial return of a confirmed order reverses only the returned line's share: 6,000 of 10,000 JPY → 60.
        String mixed = shop.placedOrder(customer, List.of(new Line("TEA-002", "tea", 1, 4000),
                new Line("WARE-002", "tableware", 1, 6000)), null);
        shop.orderAction(mixed, "deliver", null);
        admin.setClock("2027-03-10T10:00:00+09:00");
        admin.runJob("points-confirmation");
        Balance beforeReturn = balance(customer);
        assertThat(beforeReturn.available()).isEqualTo(afterCancel.available() + 100);
        shop.orderAction(mixed, "return", "{\"lines\":[{\"sku\":\"WARE-002\",\"quantity\":1}]}");
        assertThat(balance(customer).available()).isEqualTo(beforeReturn.available() - 60);
    }

    @Test
    void the_shopper_reads_the_balance_and_history_and_support_exports_the_ledger() {
        admin.setClock("2027-04-01T10:00:00+09:00");
        String customer = shop.customer("points-reader@example.jp", "Points Reader", null);
        shop.placedOrder(customer, List.of(new Line("TEA-001", "tea", 3, 1500)), null);

        ShopClient me = ShopClient.signedIn("points-reader@example.jp");
        ShopClient.Response mine = me.get("/crm/api/me/points");
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.get("pending").asLong()).isEqualTo(balance(customer).pending());
        assertThat(mine.body()).contains("history");
        assertThat(shop.get("/crm/api/me/points").status()).as("no shopper signed in").isEqualTo(401);

        ShopClient.Response csv = admin.get("/crm/api/customers/" + customer + "/points.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().count()).isGreaterThanOrEqualTo(2);
    }
}
