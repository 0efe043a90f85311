package dev.kizuna.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo jar as a real crash would meet it: orders from 4 threads (some paying with points, some with a coupon),
 * {@code kill -9} of the shop's JVM twice mid-load (its PostgreSQL is orphaned, as in a real crash), a restart on the
 * same data directory each time, which must succeed at the first try. Then every order the shop committed is in
 * Kizuna exactly once, no hold of an existing order was released, every points account verifies and the host
 * reconciliation finds nothing to report.
 */
class CrashResilienceTest {
    static final String TOKEN = "crash-token";
    static final int THREADS = 4;
    static final int CUSTOMERS = 8;

    Process start(Path data, int port) throws IOException {
        return new ProcessBuilder("java", "-Xmx512m", "-jar", DemoCommandTest.JAR.toString(), "--dev", "--port",
                Integer.toString(port), "--data-dir", data.toString(), "--admin-token", TOKEN, "--no-sample-data")
                .redirectErrorStream(true).start();
    }

    /** The demo's embedded PostgreSQL, found by the port its postmaster.pid names (line 4). */
    static Connection database(Path data) throws IOException, SQLException {
        List<String> pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).trim() + "/postgres", "postgres", "");
    }

    static long number(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void kill9(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL to the JVM alone: its PostgreSQL lives on as an orphan
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void no_order_is_lost_or_applied_twice_and_no_hold_is_released_across_two_kill_9s() throws Exception {
        assertThat(DemoCommandTest.JAR).as("built by the package phase").exists();
        Path data = Files.createTempDirectory("kizuna-crash-");
        int port = RunningShop.freePort();
        ShopClient shop = new ShopClient("http://localhost:" + port, TOKEN);
        Process p = start(data, port);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger cutOff = new AtomicInteger();
        int kills = 0;
        int restarts = 0;
        try {
            DemoCommandTest.awaitReady(p);
            List<String> customers = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                String id = shop.customer("crash-" + i + "@example.jp", "Crash " + i, null);
                customers.add(id);
                ShopClient.Response granted = shop.post("/crm/api/customers/" + id + "/points/adjustments",
                        "{\"points\":100000,\"reason\":\"crash test\"}");
                assertThat(granted.status()).as(granted.body()).isEqualTo(201);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(9));
            ShopClient.Response campaign = shop.post("/crm/api/campaigns", """
                    {"name":{"ja":"障害試験","en":"Crash test"},"discount":{"type":"PERCENT","value":5},
                     "currency":"JPY","code":"CRASH5","validFrom":"%s","validTo":"%s"}"""
                    .formatted(now.minusDays(1), now.plusDays(30)));
            assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);

            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                load.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; loading.get(); i++) {
                        String customer = customers.get(random.nextInt(CUSTOMERS));
                        String extra = switch (i % 3) {
                            case 0 -> "\"pointsToRedeem\":" + (50 + random.nextInt(200));
                            case 1 -> "\"couponCode\":\"CRASH5\"";
                            default -> "";
                        };
                        try {
                            ShopClient.Response r = shop.order(customer, List.of(
                                    new ShopClient.Line("TEA-00" + (1 + random.nextInt(3)), "tea", 1 + random.nextInt(3), 1_200),
                                    new ShopClient.Line("WARE-001", "tableware", 1, 3_300)), extra);
                            (r.status() == 201 ? acknowledged : refused).incrementAndGet();
                        } catch (IllegalStateException e) {
                            cutOff.incrementAndGet(); // the shop is down: a request in flight when it was killed
                            sleep(100);
                        }
                    }
                    return null;
                }));
            }
            for (int round = 0; round < 2; round++) {
                sleep(6_000);
                kill9(p);
                kills++;
                p = start(data, port);
                DemoCommandTest.awaitReady(p); // the first try
                restarts++;
            }
            sleep(4_000);
            loading.set(false);
            for (Future<?> f : load) {
                f.get(2, TimeUnit.MINUTES);
            }

            try (Connection db = database(data)) {
                for (int i = 0; i < 300 && number(db, "SELECT count(*) FROM kizuna.host_outbox") > 0; i++) {
                    sleep(100);
                }
                long committed = number(db, "SELECT count(*) FROM shop.shop_order");
                long withPoints = number(db, "SELECT count(*) FROM shop.shop_order WHERE points_redeemed > 0");
                long withCoupon = number(db, "SELECT count(*) FROM shop.shop_order WHERE coupon_code IS NOT NULL");
                System.out.printf("orders placed: %d committed by the shop (%d with points, %d with the coupon), "
                                + "%d acknowledged, %d refused, %d requests cut off; kills: %d, restarts: %d%n",
                        committed, withPoints, withCoupon, acknowledged.get(), refused.get(), cutOff.get(), kills, restarts);
                assertThat(committed).isGreaterThanOrEqualTo(acknowledged.get()).isPositive();
                assertThat(withPoints).isPositive();
                assertThat(withCoupon).isPositive();
                assertThat(number(db, "SELECT count(*) FROM kizuna.host_outbox")).as("all relayed").isZero();

                // Every order the shop committed is in Kizuna exactly once, and Kizuna has no other.
                assertThat(number(db, """
                        SELECT count(*) FROM shop.shop_order s
                        WHERE (SELECT count(*) FROM kizuna.order_summary o WHERE o.order_ref = s.id::text) <> 1""")).isZero();
                assertThat(number(db, """
                        SELECT count(*) FROM kizuna.order_summary o
                        WHERE NOT EXISTS (SELECT 1 FROM shop.shop_order s WHERE s.id::text = o.order_ref)""")).isZero();
                assertThat(number(db, "SELECT count(*) FROM kizuna.points_order")).isEqualTo(committed);
                assertThat(number(db, "SELECT count(*) FROM kizuna.event_inbox WHERE status <> 'DONE'")).isZero();

                // The points and the coupon uses are exactly the committed orders', and stay after the hold release.
                shop.runJob("points-hold-release");
                String paidWithPoints = """
                        SELECT count(*) FROM shop.shop_order s WHERE s.points_redeemed > 0 AND NOT EXISTS (
                          SELECT 1 FROM kizuna.points_reservation r
                          WHERE r.order_ref = s.id::text AND r.status = 'COMMITTED' AND r.points = s.points_redeemed)""";
                assertThat(number(db, paidWithPoints)).as("no hold of an existing order released").isZero();
                assertThat(number(db, """
                        SELECT count(*) FROM kizuna.points_reservation r
                        WHERE NOT EXISTS (SELECT 1 FROM shop.shop_order s WHERE s.id::text = r.order_ref)""")).isZero();
                assertThat(number(db, """
                        SELECT count(*) FROM shop.shop_order s WHERE s.coupon_code IS NOT NULL AND NOT EXISTS (
                          SELECT 1 FROM kizuna.coupon_redemption c WHERE c.order_ref = s.id::text AND c.status = 'COMMITTED')""")).isZero();
                assertThat(number(db, """
                        SELECT count(*) FROM kizuna.coupon_redemption c
                        WHERE NOT EXISTS (SELECT 1 FROM shop.shop_order s WHERE s.id::text = c.order_ref)""")).isZero();
            }

            String verified = shop.runJob("points-verification").get("outcome").asText();
            String reconciled = shop.runJob("host-reconciliation").get("outcome").asText();
            System.out.println("points-verification: " + verified);
            System.out.println("host-reconciliation: " + reconciled);
            assertThat(verified).contains("every balance equals its entries");
            assertThat(reconciled).endsWith(": 0 differences");
        } finally {
            loading.set(false);
            pool.shutdownNow();
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            stopLeftPostgres(data);
        }
    }

    /** A failed run must not leave its PostgreSQL behind. */
    static void stopLeftPostgres(Path data) throws IOException {
        Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            List<String> lines = Files.readAllLines(pidFile);
            if (!lines.isEmpty()) {
                ProcessHandle.of(Long.parseLong(lines.get(0).trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
