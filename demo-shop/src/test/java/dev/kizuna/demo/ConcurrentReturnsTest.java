package dev.kizuna.demo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** A line is never returned more often than it was bought: one after the other, in one request, or all at once. */
class ConcurrentReturnsTest {
    private static final TestShop.Client ADMIN = TestShop.admin();

    private static String deliveredOrderOfThreeUnits(String email) {
        String customer = ADMIN.customer(email);
        TestShop.Reply placed = ADMIN.post("/shop/api/orders", "{\"customerId\":\"" + customer + "\",\"currency\":\"JPY\","
                + "\"lines\":[{\"sku\":\"TEA-001\",\"category\":\"tea\",\"quantity\":3,\"unitPrice\":1620}]}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String order = placed.text("id");
        assertThat(ADMIN.post("/shop/api/orders/" + order + "/deliver", null).status()).isEqualTo(200);
        return order;
    }

    private static TestShop.Reply returnOne(String order) {
        return ADMIN.post("/shop/api/orders/" + order + "/return", "{\"lines\":[{\"sku\":\"TEA-001\",\"quantity\":1}]}");
    }

    @Test
    void sixteen_concurrent_returns_of_one_unit_of_a_three_unit_line_return_exactly_three() throws Exception {
        String order = deliveredOrderOfThreeUnits("returns-concurrent@example.jp");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TestShop.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return returnOne(order);
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<TestShop.Reply> f : replies) {
                TestShop.Reply r = f.get();
                if (r.status() == 200) {
                    accepted++;
                } else {
                    assertThat(r.status()).as(r.body()).isIn(400, 409);
                }
            }
            assertThat(accepted).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        TestShop.Reply after = ADMIN.get("/shop/api/orders/" + order);
        assertThat(after.number("lines", 0, "returned")).isEqualTo(3);
        assertThat(after.text("status")).isEqualTo("RETURNED");
    }

    @Test
    void a_fourth_unit_of_three_is_refused_naming_the_quantity() {
        String order = deliveredOrderOfThreeUnits("returns-sequential@example.jp");
        assertThat(ADMIN.post("/shop/api/orders/" + order + "/return",
                "{\"lines\":[{\"sku\":\"TEA-001\",\"quantity\":2}]}").status()).isEqualTo(200);
        TestShop.Reply twoMore = ADMIN.post("/shop/api/orders/" + order + "/return",
                "{\"lines\":[{\"sku\":\"TEA-001\",\"quantity\":2}]}");
        assertThat(twoMore.status()).isEqualTo(400);
        assertThat(twoMore.field()).isEqualTo("lines[0].quantity");
        assertThat(returnOne(order).status()).isEqualTo(200);
        assertThat(ADMIN.get("/shop/api/orders/" + order).number("lines", 0, "returned")).isEqualTo(3);
    }

    @Test
    void one_request_naming_the_line_twice_is_refused() {
        String order = deliveredOrderOfThreeUnits("returns-twice@example.jp");
        TestShop.Reply r = ADMIN.post("/shop/api/orders/" + order + "/return",
                "{\"lines\":[{\"sku\":\"TEA-001\",\"quantity\":2},{\"sku\":\"TEA-001\",\"quantity\":2}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("lines[1].sku");
        assertThat(ADMIN.get("/shop/api/orders/" + order).number("lines", 0, "returned")).isZero();
    }
}
