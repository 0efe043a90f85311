package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.persistence.Database;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The customer 360° page with a million members: median and p95 of the whole page over HTTP (sign-in session, every
 * section of every installed module, rendered), of the page model alone (no HTTP, no template), and as the baseline
 * the one hand-written indexed lookup of the member row by customer id, all measured in the same run on the same
 * database, interleaved request by request.
 *
 * <p>Run: {@code java -cp … dev.kizuna.admin.console.Customer360Bench [members] [requests]} (defaults 1,000,000
 * and 200). Members get 0–6 orders each (three on average), bulk-inserted with SQL.
 */
public final class Customer360Bench {

    public static void main(String[] args) {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (ConsoleServer server = ConsoleServer.start()) {
            Database db = server.runtime.context().database();
            long t0 = System.nanoTime();
            load(db, members);
            System.out.printf(Locale.ROOT, "loaded %,d members and %,d orders in %.1f s%n", members,
                    db.inTransaction(tx -> tx.sql().number("SELECT count(*) FROM order_summary")),
                    (System.nanoTime() - t0) / 1e9);

            WebClient admin = server.signedIn(ConsoleServer.ADMIN);
            Random random = new Random(42);
            // warm-up: JIT, template cache, connection pool, PostgreSQL plan caches
            for (int i = 0; i < 50; i++) {
                String ref = ref(random, members);
                admin.get("/crm/admin/customers/" + ref);
                lookup(db, ref);
            }
            long[] page = new long[requests];
            long[] baseline = new long[requests];
            for (int i = 0; i < requests; i++) {
                String ref = ref(random, members);
                long s = System.nanoTime();
                WebClient.Response r = admin.get("/crm/admin/customers/" + ref);
                page[i] = System.nanoTime() - s;
                if (r.status() != 200) {
                    throw new IllegalStateException("page of " + ref + " answered " + r.status());
                }
                s = System.nanoTime();
                lookup(db, ref);
                baseline[i] = System.nanoTime() - s;
            }
            double baseMedian = percentile(baseline, 50);
            System.out.printf(Locale.ROOT, "%d requests, %,d members%n", requests, members);
            print("baseline: member row by customer_ref (JDBC)", baseline, baseMedian);
            print("360 page over HTTP (rendered, signed in)", page, baseMedian);
            System.out.printf(Locale.ROOT, "target: median <= 50 ms -> %s%n",
                    percentile(page, 50) / 1e6 <= 50 ? "met" : "NOT met");
        }
    }

    private static void print(String what, long[] nanos, double baseMedian) {
        double median = percentile(nanos, 50);
        double p95 = percentile(nanos, 95);
        System.out.printf(Locale.ROOT, "%-46s median %7.2f ms  p95 %7.2f ms  (%.1f× baseline median)%n", what,
                median / 1e6, p95 / 1e6, median / baseMedian);
    }

    static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String ref(Random random, int members) {
        return "B-" + (1 + random.nextInt(members));
    }

    private static void lookup(Database db, String ref) {
        db.inTransaction(tx -> tx.sql().one("""
                SELECT id, customer_ref, email, display_name, birth_date, locale, consents::text, registered_at, erased_at
                FROM member WHERE customer_ref = ?""", rs -> rs.getLong(1), ref)).orElseThrow();
    }

    /** Members B-1 … B-n and their orders, set-based in a few statements. */
    static void load(Database db, int members) {
        List<String> steps = new ArrayList<>();
        steps.add("""
                INSERT INTO member (customer_ref, email, display_name, locale, consents, registered_at)
                SELECT 'B-' || g, 'member' || g || '@example.jp', '会員 ' || g,
                       CASE WHEN g %% 5 = 0 THEN 'en' ELSE 'ja' END, '{"email": true}'::jsonb,
                       timestamptz '2022-01-01 00:00+09' + (g %% 1000) * interval '1 day'
                FROM generate_series(1, %d) g""".formatted(members));
        // 0–6 orders per member (three on average), spread over the last two years
        steps.add("""
                INSERT INTO order_summary (order_ref, member_id, currency, channel, merchandise_total, discount_total,
                       shipping_total, tax_total, points_redeemed, grand_total, status, submitted_at, delivered_at)
                SELECT 'BO-' || m.id || '-' || k, m.id, 'JPY', CASE WHEN k % 4 = 0 THEN 'STORE' ELSE 'WEB' END,
                       1000 + (m.id * 37 + k * 101) % 20000, 0, 500, 0, 0, 1500 + (m.id * 37 + k * 101) % 20000,
                       'DELIVERED', now() - ((m.id * 13 + k * 97) % 700) * interval '1 day',
                       now() - ((m.id * 13 + k * 97) % 700) * interval '1 day' + interval '2 days'
                FROM member m, generate_series(1, 6) k
                WHERE m.customer_ref LIKE 'B-%' AND k <= (m.id * 7919) % 7""");
        steps.add("ANALYZE member");
        steps.add("ANALYZE order_summary");
        for (String sql : steps) {
            db.inTransaction(tx -> tx.sql().update(sql));
        }
    }
}
