package dev.kizuna.segment.timeline;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The first page of the timeline of a customer with 10,001 touchpoints (3,000 orders placed and delivered, 300 of
 * them partly returned, 2,400 behaviour events, 1,000 support notes, 300 account changes and the registration) among
 * {@code N} members (default 1,000,000, each with two orders and three behaviour events, every tenth with a return and
 * every fourth with an account change); target p95 ≤ 30 ms. Printed in the same run: the page as the timeline reads
 * it (one statement over every source), the same sources read one statement each (how the page was read before),
 * each source alone with its plan (EXPLAIN ANALYZE), and the baseline: one hand-written SQL statement reading the
 * same newest 20 rows of the same tables (UNION ALL, ORDER BY time, LIMIT) and decoding nothing.
 *
 * <pre>
 * ./mvnw -o -q -pl segment-module -am test-compile -DskipTests
 * ./mvnw -o -q -pl segment-module dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp segment-module/target/test-classes:segment-module/target/classes:crm-core/target/classes:\
 *      crm-core/target/test-classes:$(cat segment-module/target/cp.txt) dev.kizuna.segment.timeline.TimelineBench [members]
 * </pre>
 */
public final class TimelineBench {
    private static final int ROUNDS = 300;
    private static final int PAGE = 20;

    private TimelineBench() {
    }

    public static void main(String[] args) throws SQLException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (KizunaRuntime kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.scheduler.enabled", "false"))) {
            Database db = kizuna.context().database();
            long t = System.nanoTime();
            generate(kizuna, n);
            System.out.printf(Locale.ROOT, "TimelineBench: %,d members, generated in %.1f s%n", n,
                    (System.nanoTime() - t) / 1e9);
            Timeline timeline = kizuna.context().ports().require(Timeline.class);
            List<TouchpointSource> sources = kizuna.context().ports().all(TouchpointSource.class);
            Set<TouchpointKind> every = EnumSet.allOf(TouchpointKind.class);
            double[] page = new double[ROUNDS];
            double[] separate = new double[ROUNDS];
            double[] baseline = new double[ROUNDS];
            int rows = 0;
            for (int round = -30; round < ROUNDS; round++) {
                long s = System.nanoTime();
                Timeline.Page p = timeline.page("C1", Set.of(), null, PAGE);
                double ms = (System.nanoTime() - s) / 1e6;
                rows = p.touchpoints().size();
                s = System.nanoTime();
                List<Touchpoint> one = db.inTransaction(tx -> {
                    long member = SupportNotes.memberId(tx, "C1");
                    List<Touchpoint> all = new ArrayList<>();
                    for (TouchpointSource source : sources) {
                        Set<TouchpointKind> asked = EnumSet.copyOf(source.kinds());
                        all.addAll(source.before(tx, member, asked, Timeline.NEWEST, Timeline.LAST_KEY, PAGE + 1));
                    }
                    return all;
                });
                double separateMs = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                int base = db.inTransaction(tx -> baselineRows(tx.sql().connection()));
                double baseMs = (System.nanoTime() - s) / 1e6;
                if (round >= 0) {
                    page[round] = ms;
                    separate[round] = separateMs;
                    baseline[round] = baseMs;
                }
                if (base != PAGE || rows != PAGE || one.size() < PAGE) {
                    throw new IllegalStateException("read " + rows + " / " + one.size() + " / " + base);
                }
            }
            long total = db.inTransaction(tx -> tx.sql().number("""
                    SELECT (SELECT count(*) FROM order_summary WHERE member_id = 1) * 2
                         + (SELECT count(*) FROM order_return WHERE member_id = 1)
                         + (SELECT count(*) FROM behaviour_event WHERE member_id = 1)
                         + (SELECT count(*) FROM support_note WHERE member_id = 1)
                         + (SELECT count(*) FROM profile_change WHERE member_id = 1) + 1"""));
            System.out.printf(Locale.ROOT, "customer C1: %,d touchpoints; first page %d rows from %d sources%n", total,
                    rows, sources.size());
            System.out.printf(Locale.ROOT, "timeline first page (one statement)   median %6.2f ms, p95 %6.2f ms -> %s the 30 ms target%n",
                    pct(page, 50), pct(page, 95), pct(page, 95) <= 30 ? "within" : "OVER");
            System.out.printf(Locale.ROOT, "same sources, a statement each        median %6.2f ms, p95 %6.2f ms%n",
                    pct(separate, 50), pct(separate, 95));
            System.out.printf(Locale.ROOT, "plain SQL baseline                    median %6.2f ms, p95 %6.2f ms%n",
                    pct(baseline, 50), pct(baseline, 95));
            explain(db, timeline, sources, every);
        }
    }

    /** Each source's statement with its plan and time, then the page's whole statement. */
    private static void explain(Database db, Timeline timeline, List<TouchpointSource> sources, Set<TouchpointKind> every) {
        db.execute(tx -> {
            long member = SupportNotes.memberId(tx, "C1");
            for (TouchpointSource source : sources) {
                TouchpointSource.Query q = source.query(member, EnumSet.copyOf(source.kinds()), Timeline.NEWEST,
                        Timeline.LAST_KEY, PAGE + 1);
                System.out.println("-- " + source.getClass().getSimpleName() + " " + source.kinds());
                tx.sql().list("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + q.sql(), rs -> rs.getString(1),
                        q.params().toArray()).forEach(line -> System.out.println("   " + line));
            }
            TouchpointSource.Query whole = timeline.statement(member, every, Timeline.NEWEST, Timeline.LAST_KEY, PAGE + 1,
                    new ArrayList<>());
            System.out.println("-- the page's statement");
            tx.sql().list("EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) " + whole.sql(), rs -> rs.getString(1),
                    whole.params().toArray()).stream().filter(l -> l.contains("Planning") || l.contains("Execution"))
                    .forEach(line -> System.out.println("   " + line));
        });
    }

    private static void generate(KizunaRuntime kizuna, int n) {
        kizuna.context().database().execute(tx -> {
            tx.sql().update("""
                    INSERT INTO member (customer_ref, registered_at)
                    SELECT 'C' || g, timestamptz '2024-01-01' + g * interval '1 second' FROM generate_series(1, ?) g""", n);
            tx.sql().update("""
                    INSERT INTO order_summary (order_ref, member_id, currency, channel, merchandise_total, discount_total,
                        shipping_total, tax_total, points_redeemed, grand_total, status, submitted_at, delivered_at)
                    SELECT 'O' || m.id || '-' || k, m.id, 'JPY', 'WEB', 3000, 0, 0, 0, 0, 3000,
                           CASE WHEN k = 1 AND m.id % 10 = 0 THEN 'PARTIALLY_RETURNED' ELSE 'DELIVERED' END,
                           timestamptz '2025-01-01' + (m.id % 300) * interval '1 day' + k * interval '1 hour',
                           timestamptz '2025-01-03' + (m.id % 300) * interval '1 day' + k * interval '1 hour'
                    FROM member m, generate_series(1, 2) k""");
            tx.sql().update("""
                    INSERT INTO behaviour_event (member_id, kind, sku, category, occurred_at)
                    SELECT m.id, 'PRODUCT_VIEWED', 'SKU-' || k, 'tea', timestamptz '2025-01-01' + (m.id % 300) * interval '1 day' + k * interval '1 minute'
                    FROM member m, generate_series(1, 3) k""");
            tx.sql().update("""
                    INSERT INTO profile_change (member_id, changed_at, fields)
                    SELECT m.id, timestamptz '2025-02-01' + (m.id % 300) * interval '1 day', '{EMAIL}'
                    FROM member m WHERE m.id % 4 = 0""");
            // the busy customer: member 1
            tx.sql().update("""
                    INSERT INTO order_summary (order_ref, member_id, currency, channel, merchandise_total, discount_total,
                        shipping_total, tax_total, points_redeemed, grand_total, status, submitted_at, delivered_at)
                    SELECT 'B-' || k, 1, 'JPY', 'WEB', 3000, 0, 0, 0, 0, 3000,
                           CASE WHEN k % 10 = 0 THEN 'PARTIALLY_RETURNED' ELSE 'DELIVERED' END,
                           timestamptz '2023-01-01' + k * interval '3 hours', timestamptz '2023-01-02' + k * interval '3 hours'
                    FROM generate_series(1, 3000) k""");
            tx.sql().update("""
                    INSERT INTO behaviour_event (member_id, kind, sku, category, occurred_at)
                    SELECT 1, 'PRODUCT_VIEWED', 'SKU-' || k, 'tea', timestamptz '2023-01-01' + k * interval '2 hours'
                    FROM generate_series(1, 2400) k""");
            tx.sql().update("""
                    INSERT INTO profile_change (member_id, changed_at, fields)
                    SELECT 1, timestamptz '2023-01-01' + k * interval '1 day', '{EMAIL,PHONE}' FROM generate_series(1, 300) k""");
            // each returned order's return, as the timeline keeps it once the mirror applied it
            tx.sql().update("""
                    INSERT INTO order_return (event_id, member_id, order_id, returned_at, units)
                    SELECT 'ret-' || o.order_ref, o.member_id, o.id, o.delivered_at + interval '2 days', 1
                    FROM order_summary o WHERE o.status = 'PARTIALLY_RETURNED'""");
            tx.sql().update("ANALYZE");
        });
        SupportNotes notes = kizuna.context().ports().require(SupportNotes.class);
        for (int i = 0; i < 1000; i++) {
            notes.add("C1", new SupportNote.Draft(SupportChannel.PHONE, SupportTopic.ORDER, "問い合わせ " + i, null, null),
                    "bench");
        }
        kizuna.context().database().execute(tx -> tx.sql().update("ANALYZE support_note"));
    }

    private static int baselineRows(java.sql.Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT * FROM (
                  (SELECT submitted_at AS at, order_ref AS what FROM order_summary WHERE member_id = 1 ORDER BY submitted_at DESC LIMIT 20)
                  UNION ALL (SELECT delivered_at, order_ref FROM order_summary WHERE member_id = 1 AND delivered_at IS NOT NULL
                             ORDER BY delivered_at DESC LIMIT 20)
                  UNION ALL (SELECT r.returned_at, o.order_ref FROM order_return r JOIN order_summary o ON o.id = r.order_id
                             WHERE r.member_id = 1 ORDER BY r.returned_at DESC LIMIT 20)
                  UNION ALL (SELECT occurred_at, sku FROM behaviour_event WHERE member_id = 1 ORDER BY occurred_at DESC LIMIT 20)
                  UNION ALL (SELECT created_at, body FROM support_note WHERE member_id = 1 ORDER BY created_at DESC LIMIT 20)
                  UNION ALL (SELECT changed_at, fields::text FROM profile_change WHERE member_id = 1
                             ORDER BY changed_at DESC LIMIT 20)
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
