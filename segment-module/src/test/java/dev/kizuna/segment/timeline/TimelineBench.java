package dev.kizuna.segment.timeline;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The first page of the timeline of a customer with 10,000 touchpoints (3,000 orders placed and delivered, 3,000
 * behaviour events, 1,000 support notes) among {@code N} members (default 1,000,000, each with two orders and three
 * behaviour events); target ≤ 30 ms. The baseline, measured in the same run, is one hand-written SQL statement
 * reading the same newest 20 rows of the same tables (UNION ALL, ORDER BY time, LIMIT) and decoding nothing.
 *
 * <pre>
 * ./mvnw -o -q -pl segment-module test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp segment-module/target/test-classes:segment-module/target/classes:$(cat segment-module/target/cp.txt) \
 *      dev.kizuna.segment.timeline.TimelineBench [members]
 * </pre>
 */
public final class TimelineBench {
    private static final int ROUNDS = 200;

    private TimelineBench() {
    }

    public static void main(String[] args) throws SQLException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (KizunaRuntime kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.scheduler.enabled", "false"))) {
            long t = System.nanoTime();
            kizuna.context().database().execute(tx -> {
                tx.sql().update("""
                        INSERT INTO member (customer_ref, registered_at)
                        SELECT 'C' || g, timestamptz '2024-01-01' + g * interval '1 second' FROM generate_series(1, ?) g""", n);
                tx.sql().update("""
                        INSERT INTO order_summary (order_ref, member_id, currency, channel, merchandise_total, discount_total,
                            shipping_total, tax_total, points_redeemed, grand_total, status, submitted_at, delivered_at)
                        SELECT 'O' || m.id || '-' || k, m.id, 'JPY', 'WEB', 3000, 0, 0, 0, 0, 3000, 'DELIVERED',
                               timestamptz '2025-01-01' + (m.id % 300) * interval '1 day' + k * interval '1 hour',
                               timestamptz '2025-01-03' + (m.id % 300) * interval '1 day' + k * interval '1 hour'
                        FROM member m, generate_series(1, 2) k""");
                tx.sql().update("""
                        INSERT INTO behaviour_event (member_id, kind, sku, category, occurred_at)
                        SELECT m.id, 'PRODUCT_VIEWED', 'SKU-' || k, 'tea', timestamptz '2025-01-01' + (m.id % 300) * interval '1 day' + k * interval '1 minute'
                        FROM member m, generate_series(1, 3) k""");
                // the busy customer: member 1
                tx.sql().update("""
                        INSERT INTO order_summary (order_ref, member_id, currency, channel, merchandise_total, discount_total,
                            shipping_total, tax_total, points_redeemed, grand_total, status, submitted_at, delivered_at)
                        SELECT 'B-' || k, 1, 'JPY', 'WEB', 3000, 0, 0, 0, 0, 3000, 'DELIVERED',
                               timestamptz '2023-01-01' + k * interval '3 hours', timestamptz '2023-01-02' + k * interval '3 hours'
                        FROM generate_series(1, 3000) k""");
                tx.sql().update("""
                        INSERT INTO behaviour_event (member_id, kind, sku, category, occurred_at)
                        SELECT 1, 'PRODUCT_VIEWED', 'SKU-' || k, 'tea', timestamptz '2023-01-01' + k * interval '2 hours'
                        FROM generate_series(1, 3000) k""");
                tx.sql().update("ANALYZE");
            });
            SupportNotes notes = kizuna.context().ports().require(SupportNotes.class);
            for (int i = 0; i < 1000; i++) {
                notes.add("C1", new SupportNote.Draft(SupportChannel.PHONE, SupportTopic.ORDER, "問い合わせ " + i, null, null),
                        "bench");
            }
            kizuna.context().database().execute(tx -> tx.sql().update("ANALYZE support_note"));
            System.out.printf(Locale.ROOT, "TimelineBench: %,d members, generated in %.1f s%n", n,
                    (System.nanoTime() - t) / 1e9);
            Timeline timeline = kizuna.context().ports().require(Timeline.class);
            double[] page = new double[ROUNDS];
            double[] baseline = new double[ROUNDS];
            int rows = 0;
            for (int round = -20; round < ROUNDS; round++) {
                long s = System.nanoTime();
                Timeline.Page p = timeline.page("C1", Set.of(), null, 20);
                double ms = (System.nanoTime() - s) / 1e6;
                rows = p.touchpoints().size();
                s = System.nanoTime();
                int base = kizuna.context().database().inTransaction(tx -> baselineRows(tx.sql().connection()));
                double baseMs = (System.nanoTime() - s) / 1e6;
                if (round >= 0) {
                    page[round] = ms;
                    baseline[round] = baseMs;
                }
                if (base != 20) {
                    throw new IllegalStateException("baseline read " + base);
                }
            }
            long total = kizuna.context().database().inTransaction(tx -> tx.sql().number("""
                    SELECT (SELECT count(*) FROM order_summary WHERE member_id = 1) * 2
                         + (SELECT count(*) FROM behaviour_event WHERE member_id = 1)
                         + (SELECT count(*) FROM support_note WHERE member_id = 1) + 1"""));
            System.out.printf(Locale.ROOT, "customer C1: %,d touchpoints; first page %d rows (every kind: %d)%n", total,
                    rows, TouchpointKind.values().length);
            System.out.printf(Locale.ROOT, "timeline first page   median %6.2f ms, p95 %6.2f ms -> %s the 30 ms target%n",
                    pct(page, 50), pct(page, 95), pct(page, 95) <= 30 ? "within" : "OVER");
            System.out.printf(Locale.ROOT, "plain SQL baseline    median %6.2f ms, p95 %6.2f ms%n", pct(baseline, 50),
                    pct(baseline, 95));
        }
    }

    private static int baselineRows(java.sql.Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT * FROM (
                  (SELECT submitted_at AS at, order_ref AS what FROM order_summary WHERE member_id = 1 ORDER BY submitted_at DESC LIMIT 20)
                  UNION ALL (SELECT delivered_at, order_ref FROM order_summary WHERE member_id = 1 AND delivered_at IS NOT NULL
                             ORDER BY delivered_at DESC LIMIT 20)
                  UNION ALL (SELECT occurred_at, sku FROM behaviour_event WHERE member_id = 1 ORDER BY occurred_at DESC LIMIT 20)
                  UNION ALL (SELECT created_at, body FROM support_note WHERE member_id = 1 ORDER BY created_at DESC LIMIT 20)
                ) t ORDER BY at DESC LIMIT 20""")) {
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
            return rows;
        }
    }

    private static double pct(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
