package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestDatabases;
import dev.kizuna.core.testing.TestKizuna;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Order-event intake into the points ledger on local embedded PostgreSQL: OrderSubmitted events published through
 * the real EventPublisher in batches (inbox idempotency, mirror, earning rules, ledger), against a baseline of
 * hand-written batched JDBC inserts of the same ledger rows (order record, EARN entry, account upsert).
 *
 * <p>Arguments: events (20000), batch size (100), publisher threads (2), customers (2000).
 */
public final class PointsIntakeBench {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int customers = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
        String url = TestDatabases.freshDatabase();
        try (KizunaRuntime kizuna = TestKizuna.installNode(new FakeHost(), url, Map.of("kizuna.jdbc.pool-size", "8"))) {
            Instant now = Instant.parse("2026-04-01T03:00:00Z");
            List<HostEvent> regs = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                regs.add(new CustomerRegistered("bench-reg-" + c, now, "B" + c, null, null, null, "ja", Map.of()));
            }
            for (int i = 0; i < regs.size(); i += 500) {
                kizuna.publisher().publishAll(regs.subList(i, Math.min(regs.size(), i + 500)));
            }
            // Warm-up (JIT, plans), then the measured run.
            intake(kizuna, "warm", Math.min(2_000, events), batch, threads, customers, now);
            double intake = intake(kizuna, "run", events, batch, threads, customers, now);
            double baseline = baseline(kizuna, events, batch, threads, customers, now);
            long rows = kizuna.context().database().inTransaction(tx -> tx.sql().number(
                    "SELECT count(*) FROM points_order WHERE order_ref LIKE 'run-%'"));
            long dupes = kizuna.context().database().inTransaction(tx -> tx.sql().number(
                    "SELECT count(*) - count(DISTINCT order_ref) FROM points_entry WHERE kind = 'EARN'"));
            System.out.printf("events=%d batch=%d threads=%d customers=%d cores=%d%n", events, batch, threads, customers,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("intake   (EventPublisher.publishAll, inbox + mirror + ledger): %,.0f events/s (%d orders recorded, %d duplicate earnings)%n",
                    intake, rows, dupes);
            System.out.printf("baseline (hand-written batched JDBC, ledger rows only):       %,.0f events/s%n", baseline);
            System.out.printf("ratio intake/baseline: %.1f %%%n", 100 * intake / baseline);
        }
    }

    private static OrderSubmitted order(String prefix, int i, int customer, Instant at) {
        List<OrderSubmitted.OrderLine> lines = List.of(new OrderSubmitted.OrderLine("TEA-" + (i % 50), "tea", 2, 1_800, 100),
                new OrderSubmitted.OrderLine("CUP-" + (i % 30), "ware", 1, 2_400, 0));
        long merch = 2 * 1_800 - 100 + 2_400;
        return new OrderSubmitted(prefix + "-ev-" + i, at, prefix + "-" + i, "B" + customer, "JPY",
                OrderSubmitted.Channel.WEB, lines, merch, 100, 0, 0, 0, null, merch);
    }

    private static double intake(KizunaRuntime kizuna, String prefix, int events, int batch, int threads, int customers,
                                 Instant at) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                List<OrderSubmitted> pending = new ArrayList<>(batch);
                for (int i = thread; i < events; i += threads) {
                    // Each publisher serves its own customers, as a shop's order threads mostly do.
                    int customer = (i * 7919 % customers) / threads * threads + thread;
                    pending.add(order(prefix, i, Math.min(customer, customers - 1), at));
                    if (pending.size() == batch) {
                        kizuna.publisher().publishAll(pending);
                        pending.clear();
                    }
                }
                if (!pending.isEmpty()) {
                    kizuna.publisher().publishAll(pending);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return events / seconds;
    }

    private static double baseline(KizunaRuntime kizuna, int events, int batch, int threads, int customers, Instant at)
            throws Exception {
        long[] memberIds = new long[customers];
        kizuna.context().database().execute(tx -> {
            for (int c = 0; c < customers; c++) {
                memberIds[c] = tx.sql().number("SELECT id FROM member WHERE customer_ref = ?", "B" + c);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        java.sql.Timestamp ts = java.sql.Timestamp.from(at);
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                try (Connection c = kizuna.context().database().dataSource().getConnection();
                     PreparedStatement order = c.prepareStatement("""
                             INSERT INTO points_order (order_ref, member_id, submitted_at, rank_code, rank_multiplier_percent,
                                    line_points, line_redeemed, earned, status)
                             VALUES (?, ?, ?, 'REGULAR', 100, '{36,24}', '{0,0}', 60, 'PENDING')""");
                     PreparedStatement entry = c.prepareStatement("""
                             INSERT INTO points_entry (member_id, kind, points, d_pending, source, source_ref, order_ref, created_at)
                             VALUES (?, 'EARN', 60, 60, 'ORDER', ?, ?, ?)""");
                     PreparedStatement account = c.prepareStatement("""
                             INSERT INTO points_account AS p (member_id, pending, last_earned_at) VALUES (?, 60, ?)
                             ON CONFLICT (member_id) DO UPDATE SET pending = p.pending + 60, last_earned_at = EXCLUDED.last_earned_at""")) {
                    int n = 0;
                    for (int i = thread; i < events; i += threads) {
                        int customer = Math.min((i * 7919 % customers) / threads * threads + thread, customers - 1);
                        String ref = "base-" + i;
                        order.setString(1, ref);
                        order.setLong(2, memberIds[customer]);
                        order.setTimestamp(3, ts);
                        order.addBatch();
                        entry.setLong(1, memberIds[customer]);
                        entry.setString(2, ref);
                        entry.setString(3, ref);
                        entry.setTimestamp(4, ts);
                        entry.addBatch();
                        account.setLong(1, memberIds[customer]);
                        account.setTimestamp(2, ts);
                        account.addBatch();
                        if (++n % batch == 0) {
                            order.executeBatch();
                            entry.executeBatch();
                            account.executeBatch();
                            c.commit();
                        }
                    }
                    order.executeBatch();
                    entry.executeBatch();
                    account.executeBatch();
                    c.commit();
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return events / seconds;
    }
}
