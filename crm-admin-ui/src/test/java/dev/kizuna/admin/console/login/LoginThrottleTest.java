package dev.kizuna.admin.console.login;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.testing.FakeHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins slow the address that failed, never the owner elsewhere, and are counted under a row lock before
 * the password is checked, so a parallel burst gets exactly the free attempts checked.
 */
class LoginThrottleTest {
    ConsoleServer server;

    @BeforeEach
    void start() {
        server = ConsoleServer.start(new FakeHost(), Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void wrong_passwords_from_one_address_never_stop_the_right_password_from_another() {
        WebClient attacker = server.client("203.0.113.7");
        for (int i = 0; i < 12; i++) {
            attacker.login(ConsoleServer.ADMIN, "wrong-password-" + i);
        }
        WebClient.Response throttled = attacker.login(ConsoleServer.ADMIN, ConsoleServer.PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("retry-after")).isPresent();
        assertThat(throttled.body()).contains("id=\"login-error\"").contains("1 分後");

        WebClient owner = server.client("198.51.100.20");
        assertThat(owner.login(ConsoleServer.ADMIN, ConsoleServer.PASSWORD).status()).isEqualTo(302);
        assertThat(owner.get("/crm/admin/").status()).isEqualTo(200);
    }

    @Test
    void a_throttled_address_may_try_again_after_the_wait_which_grows_with_each_failure() {
        WebClient c = server.client("203.0.113.8");
        for (int i = 0; i < 5; i++) {
            assertThat(c.login(ConsoleServer.MARKETER, "wrong-" + i).status()).isEqualTo(401);
        }
        WebClient.Response first = c.login(ConsoleServer.MARKETER, "wrong-5");
        assertThat(first.status()).isEqualTo(429);
        assertThat(Long.parseLong(first.header("retry-after").orElseThrow())).isBetween(1L, 61L);

        later(Duration.ofSeconds(61));
        assertThat(c.login(ConsoleServer.MARKETER, "wrong-6").status()).isEqualTo(401);
        WebClient.Response second = c.login(ConsoleServer.MARKETER, ConsoleServer.PASSWORD);
        assertThat(second.status()).isEqualTo(429);
        assertThat(Long.parseLong(second.header("retry-after").orElseThrow())).isBetween(61L, 121L);

        later(Duration.ofSeconds(121));
        assertThat(c.login(ConsoleServer.MARKETER, ConsoleServer.PASSWORD).status()).isEqualTo(302);
        // the right password ended the streak from this address
        WebClient again = server.client("203.0.113.8");
        assertThat(again.login(ConsoleServer.MARKETER, "wrong-again").status()).isEqualTo(401);
    }

    @Test
    void twenty_failures_behind_one_proxy_slow_that_address_and_lock_nobody() {
        WebClient proxy = server.client("192.0.2.50");
        for (int i = 0; i < 20; i++) {
            assertThat(proxy.login("user-" + i, "wrong").status()).isEqualTo(401);
        }
        // the address must wait now, for every name: it is slowed, not locked
        WebClient colleague = server.client("192.0.2.50");
        WebClient.Response slowed = colleague.login(ConsoleServer.SUPPORT, ConsoleServer.PASSWORD);
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(Long.parseLong(slowed.header("retry-after").orElseThrow())).isLessThanOrEqualTo(61L);
        // everyone elsewhere signs in as ever
        assertThat(server.client("198.51.100.21").login(ConsoleServer.SUPPORT, ConsoleServer.PASSWORD).status())
                .isEqualTo(302);
        later(Duration.ofSeconds(61));
        assertThat(server.client("192.0.2.50").login(ConsoleServer.SUPPORT, ConsoleServer.PASSWORD).status())
                .isEqualTo(302);
    }

    @Test
    void fifty_parallel_wrong_guesses_are_counted_exactly_and_a_right_password_in_a_throttled_burst_is_not_checked()
            throws Exception {
        String address = "203.0.113.9";
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            wrong.add("wrong-" + i);
        }
        List<Integer> first = burst(address, wrong).stream().map(WebClient.Response::status).toList();
        assertThat(first.stream().filter(s -> s == 401).count()).isEqualTo(5);
        assertThat(first.stream().filter(s -> s == 429).count()).isEqualTo(45);
        long trail = server.runtime.context().database().inTransaction(tx -> tx.sql().number(
                "SELECT count(*) FROM console_login_attempt WHERE client_address = ?", address));
        assertThat(trail).isEqualTo(5);

        List<String> second = new ArrayList<>(wrong.subList(0, 9));
        second.add(4, ConsoleServer.PASSWORD);
        List<WebClient.Response> answers = burst(address, second);
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(429));
        long trailAfter = server.runtime.context().database().inTransaction(tx -> tx.sql().number(
                "SELECT count(*) FROM console_login_attempt WHERE client_address = ?", address));
        assertThat(trailAfter).isEqualTo(5);
    }

    /** Every password at once from {@code address}, each from its own browser that loaded the form first. */
    private List<WebClient.Response> burst(String address, List<String> passwords) throws Exception {
        List<WebClient> clients = new ArrayList<>();
        for (int i = 0; i < passwords.size(); i++) {
            WebClient c = server.client(address);
            c.get("/crm/admin/login");
            clients.add(c);
        }
        ExecutorService pool = Executors.newFixedThreadPool(passwords.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<WebClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < passwords.size(); i++) {
                WebClient c = clients.get(i);
                String password = passwords.get(i);
                answers.add(pool.submit(() -> {
                    go.await();
                    return c.post("/crm/admin/login", Map.of("username", ConsoleServer.ADMIN, "password", password));
                }));
            }
            go.countDown();
            List<WebClient.Response> out = new ArrayList<>();
            for (Future<WebClient.Response> f : answers) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private void later(Duration d) {
        server.runtime.context().clock().set(server.runtime.context().clock().instant().plus(d));
    }
}
