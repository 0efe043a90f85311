package dev.kizuna.demo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One customer per e-mail address, also when registrations race with it in different cases. */
class ConcurrentRegistrationsTest {

    @Test
    void eight_racing_registrations_of_one_address_make_one_customer_and_seven_conflicts() throws Exception {
        TestShop.Client nobody = TestShop.nobody();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TestShop.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String email = i % 2 == 0 ? "racer@example.jp" : "Racer@Example.JP".toUpperCase(Locale.ROOT);
                replies.add(pool.submit(() -> {
                    start.await();
                    return nobody.post("/shop/api/customers", "{\"email\":\"" + email + "\",\"name\":\"Racer\"}");
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<TestShop.Reply> f : replies) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
