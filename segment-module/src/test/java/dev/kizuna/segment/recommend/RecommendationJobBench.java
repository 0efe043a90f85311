package dev.kizuna.segment.recommend;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code recommendations} job over {@code ORDERS} orders of three lines (default 1,000,000: 3,000,000 order
 * lines) and {@code EVENTS} product views (default 10,000,000) of 300,000 members and 5,000 SKUs; target ≤ 120 s.
 * SKUs are drawn skewed (a few sell much, most little) and each order's second line is the first one's complement,
 * so there are strong pairs among much noise. The baseline, measured in the same run, is the two hand-written
 * statements that only count the pairs (order-line self-join; first view before last purchase per member) with the
 * same minimum support, computing no similarity, ranking nothing and writing nothing.
 *
 * <pre>
 * ./mvnw -o -q -pl segment-module test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp segment-module/target/test-classes:segment-module/target/classes:crm-core/target/classes:$(cat segment-module/target/cp.txt) \
 *      dev.kizuna.segment.recommend.RecommendationJobBench [orders] [events]
 * </pre>
 */
public final class RecommendationJobBench {
    private RecommendationJobBench() {
    }

    public static void main(String[] args) {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        int members = 300_000;
        try (KizunaRuntime kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.scheduler.enabled", "false"))) {
            long t = System.nanoTime();
            kizuna.context().database().execute(tx -> {
                tx.sql().update("""
                        INSERT INTO member (customer_ref, registered_at)
                        SELECT 'C' || g, now() - interval '3 years' FROM generate_series(1, ?) g""", members);
                tx.sql().update("""
                        INSERT INTO order_summary (order_ref, member_id, currency, channel, merchandise_total, discount_total,
                            shipping_total, tax_total, points_redeemed, grand_total, status, submitted_at)
                        SELECT 'O' || g, 1 + g % ?, 'JPY', 'WEB', 3000, 0, 0, 0, 0, 3000,
                               CASE WHEN g % 50 = 0 THEN 'CANCELLED' ELSE 'DELIVERED' END,
                               now() - random() * interval '700 days'
                        FROM generate_series(1, ?) g""", members, orders);
                tx.sql().update("""
                        INSERT INTO order_line (order_id, line_no, sku, category, quantity, unit_price)
                        SELECT o.id, k, 'P' || CASE k WHEN 1 THEN o.s WHEN 2 THEN o.s % 5000 + 1
                                                      ELSE 1 + floor(5000 * random() ^ 2)::int END, 'c', 1, 1000
                        FROM (SELECT id, 1 + floor(5000 * random() ^ 2)::int AS s FROM order_summary) o,
                             generate_series(1, 3) k""");
                tx.sql().update("""
                        INSERT INTO behaviour_event (member_id, kind, sku, category, occurred_at)
                        SELECT 1 + floor(random() * ?)::int, 'PRODUCT_VIEWED', 'P' || (1 + floor(5000 * random() ^ 2)::int),
                               'c', now() - random() * interval '89 days'
                        FROM generate_series(1, ?) g""", members, events);
            });
            kizuna.context().database().execute(tx -> tx.sql().update("ANALYZE"));
            long lines = count(kizuna, "SELECT count(*) FROM order_line");
            long views = count(kizuna, "SELECT count(*) FROM behaviour_event");
            System.out.printf(Locale.ROOT, "RecommendationJobBench: %,d order lines, %,d views, generated in %.1f s%n",
                    lines, views, (System.nanoTime() - t) / 1e9);

            t = System.nanoTime();
            JobRuns.JobRun run = kizuna.jobRuns().run(kizuna.context().jobs().find(RecommendationJob.NAME).orElseThrow(),
                    "manual", null);
            double job = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "recommendations job   %6.1f s (%s: %s) -> %s the 120 s target%n", job,
                    run.status(), run.outcome(), job <= 120 ? "within" : "OVER");
            System.out.printf(Locale.ROOT, "  neighbours stored: %,d rows%n",
                    count(kizuna, "SELECT count(*) FROM product_neighbour"));

            t = System.nanoTime();
            long together = count(kizuna, """
                    SELECT count(*) FROM (SELECT a.sku, b.sku FROM order_line a
                      JOIN order_summary o ON o.id = a.order_id AND o.status <> 'CANCELLED'
                      JOIN order_line b ON b.order_id = a.order_id AND b.sku > a.sku
                      GROUP BY a.sku, b.sku HAVING count(*) >= 2) p""");
            double baseTogether = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            long viewed = count(kizuna, """
                    SELECT count(*) FROM (
                      SELECT v.sku, b.sku FROM
                        (SELECT member_id, sku, min(occurred_at) AS f FROM behaviour_event
                         WHERE kind = 'PRODUCT_VIEWED' AND occurred_at >= now() - interval '90 days' GROUP BY 1, 2) v
                      JOIN (SELECT o.member_id, l.sku, max(o.submitted_at) AS l FROM order_line l
                            JOIN order_summary o ON o.id = l.order_id
                            WHERE o.status <> 'CANCELLED' AND o.submitted_at >= now() - interval '90 days' GROUP BY 1, 2) b
                        ON b.member_id = v.member_id AND b.sku <> v.sku AND b.l > v.f
                      GROUP BY v.sku, b.sku HAVING count(*) >= 2) p""");
            double baseViewed = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "plain SQL baseline    %6.1f s (pair counts only: bought together %.1f s,"
                    + " %,d pairs; viewed then bought %.1f s, %,d pairs)%n", baseTogether + baseViewed, baseTogether,
                    together, baseViewed, viewed);
        }
    }

    private static long count(KizunaRuntime kizuna, String sql) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number(sql));
    }
}
