package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.spi.CustomerUpdated;
import dev.kizuna.it.ShopClient.Line;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicate customers in the demo shop: a shopper with two accounts, each with points, gives the second the first's
 * e-mail address; the nightly job proposes the two, staff merge them, and the account kept holds the points of both,
 * which points-verification proves against the ledger.
 */
class DuplicateFlowTest {
    final ShopClient admin = ShopClient.admin();

    long points(String customer, String bucket) {
        ShopClient.Response r = admin.get("/crm/api/customers/" + customer + "/points");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.get(bucket).asLong();
    }

    @Test
    void two_customers_with_one_email_are_proposed_and_merged_and_the_survivor_holds_the_sum_of_their_points() {
        admin.setClock("2037-05-01T10:00:00+09:00");
        String first = admin.customer("duplicate-flow@example.jp", "重複 花子", null);
        String second = admin.customer("duplicate-flow-2@example.jp", "重複 はなこ", null);
        admin.orderAction(admin.placedOrder(first, List.of(new Line("TEA-003", "tea", 10, 980)), null), "deliver", null);
        admin.orderAction(admin.placedOrder(second, List.of(new Line("TEA-003", "tea", 5, 980)), null), "deliver", null);
        admin.setClock("2037-05-20T10:00:00+09:00");
        admin.runJob("points-confirmation");
        admin.placedOrder(second, List.of(new Line("TEA-003", "tea", 3, 980)), null);
        long available = points(first, "available") + points(second, "available");
        long pending = points(first, "pending") + points(second, "pending");
        assertThat(points(first, "available")).isPositive();
        assertThat(points(second, "available")).isPositive();
        assertThat(points(second, "pending")).isPositive();

        // the shopper changes the second account's address to the first's on the shop's side (the demo shop has no
        // account page for it, so its event is published as the shop would)
        RunningShop.get().kizuna().publisher().publish(new CustomerUpdated("duplicate-flow-email", Instant.now(), second,
                "Duplicate-Flow@example.jp", null, null, null, Map.of()));

        JsonNode run = admin.runJob("customer-duplicates");
        assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
        ShopClient.Response list = admin.get("/crm/api/duplicates?lang=ja");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode pair = null;
        for (JsonNode p : list.json()) {
            if (p.get("first").get("customerId").asText().equals(first) && p.get("second").get("customerId").asText().equals(second)) {
                pair = p;
            }
        }
        assertThat(pair).as(list.body()).isNotNull();
        assertThat(pair.get("evidence").toString()).isEqualTo("[\"EMAIL\"]");
        assertThat(pair.get("suggestedSurvivor").asText()).isEqualTo(first);

        ShopClient.Response merged = admin.post("/crm/api/duplicates/" + pair.get("id").asLong() + "/merge",
                "{\"survivor\":\"" + first + "\"}");
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.get("changed").asBoolean()).isTrue();
        assertThat(points(first, "available")).isEqualTo(available);
        assertThat(points(first, "pending")).isEqualTo(pending);
        ShopClient.Response gone = admin.get("/crm/api/customers/" + second + "/points?lang=en");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.get("detail").asText()).contains("merged into customer " + first);

        JsonNode verified = admin.runJob("points-verification");
        assertThat(verified.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(verified.toString()).contains("every balance equals its entries");

        ShopClient.Response again = admin.post("/crm/api/duplicates/" + pair.get("id").asLong() + "/merge",
                "{\"survivor\":\"" + first + "\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.get("changed").asBoolean()).isFalse();
        assertThat(points(first, "available")).isEqualTo(available);
    }
}
