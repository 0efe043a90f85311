package dev.kizuna.loyalty.rank;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times a full {@code rank-recalculation} over 1,000,000 members and 10,000,000 confirmed earnings, beside one
 * hand-written SQL statement computing the same ranks for every member (the baseline), on the embedded test
 * PostgreSQL (fsync off). Prints both, their ratio, the job's peak heap, and checks that both give every member
 * the same rank.
 *
 * <p>Run: {@code cd /work/main && MAVEN_OPTS=-Xmx512m mvn -q -o -pl loyalty-module test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.kizuna.loyalty.rank.RankRecalculationBench}
 * (MAVEN_OPTS caps the heap the job runs in; exec:java runs in Maven's JVM). Optional arguments: members, earnings,
 * batch size.
 *
 * <p>Earnings go into {@code points_earned} as laid out by {@link RankTestData} (the points feature's contract as a
 * table, with the covering index {@code (member_id, earned_at) INCLUDE (order_ref, points)}): time-ordered like a
 * real ledger, so one member's rows are scattered over the table; activity is skewed so the ladder fills from
 * Regular to Diamond.
 */
public final class RankRecalculationBench {
    /** 1 July 2026 03:00 Tokyo: the monthly run; the window is 1 January .. now. */
    static final Instant AS_OF = RankTestData.tokyo(2026, 7, 1, 3, 0, 0);

    private RankRecalculationBench() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long earnings = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        String batch = args.length > 2 ? args[2] : "5000";
        try (KizunaRuntime kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.ranks.batch-size", batch))) {
            RankTestData data = new RankTestData(kizuna);
            String url = kizuna.context().config().jdbcUrl();
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                c.setAutoCommit(true);
                exec(c, "SET search_path TO kizuna");
                generate(c, members, earnings);
                exec(c, "SET work_mem = '256MB'");
                String settings = settings(c);

                // The baseline: one statement judging every member by the same window and ladder.
                QualificationWindow window = QualificationWindow.of(AS_OF, 6, RankTestData.TOKYO);
                long t0 = System.nanoTime();
                exec(c, BASELINE.formatted("'" + window.from() + "'", "'" + window.to() + "'"));
                Duration baseline = Duration.ofNanos(System.nanoTime() - t0);

                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                System.gc();
                long heapBefore = memory.getHeapMemoryUsage().getUsed();
                AtomicLong peak = new AtomicLong();
                AtomicBoolean sampling = new AtomicBoolean(true);
                Thread sampler = new Thread(() -> {
                    while (sampling.get()) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                kizuna.context().clock().set(AS_OF);
                long t1 = System.nanoTime();
                JobRuns.JobRun run = kizuna.jobRuns().run(data.job(), "manual", null);
                Duration job = Duration.ofNanos(System.nanoTime() - t1);
                sampling.set(false);
                sampler.join();
                if (run.status() != JobRunStatus.SUCCEEDED) {
                    throw new IllegalStateException("the job failed: " + run.error());
                }

                long t2 = System.nanoTime();
                JobRuns.JobRun again = kizuna.jobRuns().run(data.job(), "manual", null);
                Duration rerun = Duration.ofNanos(System.nanoTime() - t2);

                long mismatches = number(c, """
                        SELECT count(*) FROM rank_baseline b LEFT JOIN member_rank r ON r.member_id = b.member_id
                        WHERE coalesce(r.rank_code, 'REGULAR') <> b.rank_code""");
                long history = number(c, "SELECT count(*) FROM rank_history");
                String distribution = text(c, """
                        SELECT string_agg(rank_code || ' ' || n, ', ' ORDER BY level) FROM (
                          SELECT b.rank_code, d.level, count(*) n FROM rank_baseline b
                          JOIN rank_definition d ON d.code = b.rank_code GROUP BY 1, 2) x""");

                System.out.printf("%nRank recalculation benchmark (embedded PostgreSQL 17, fsync off, 2 cores)%n");
                System.out.printf("  data: %,d members, %,d earnings (%,d in the window)%n", members, earnings,
                        number(c, "SELECT count(*) FROM points_earned WHERE earned_at >= '" + window.from()
                                + "' AND earned_at <= '" + window.to() + "'"));
                System.out.printf("  settings: %s; job batch size %s; JVM max heap %,d MB%n", settings, batch,
                        Runtime.getRuntime().maxMemory() >> 20);
                System.out.printf("  ranks: %s%n", distribution);
                System.out.printf("  baseline, one SQL statement ranking every member: %8.2f s%n", seconds(baseline));
                System.out.printf("  rank-recalculation job, first run (%s): %8.2f s%n", run.outcome(), seconds(job));
                System.out.printf("  ratio job / baseline: %.2f (target <= 2.0); target <= 60 s%n",
                        seconds(job) / seconds(baseline));
                System.out.printf("  job peak heap used %,d MB (before the run %,d MB; target <= 512 MB)%n",
                        peak.get() >> 20, heapBefore >> 20);
                System.out.printf("  rank-recalculation job, run again, nothing to change (%s): %8.2f s%n",
                        again.outcome(), seconds(rerun));
                System.out.printf("  members whose job rank differs from the baseline: %d; history rows: %,d%n",
                        mismatches, history);
                if (mismatches != 0) {
                    throw new IllegalStateException("the job and the baseline disagree on " + mismatches + " members");
                }
            }
        }
    }

    /**
     * The baseline: every member's figures over the window with one aggregate and the highest rank met, by the
     * ladder in rank_definition, materialized per member.
     */
    static final String BASELINE = """
            CREATE UNLOGGED TABLE rank_baseline AS
            WITH per_order AS (
                SELECT member_id, order_ref, sum(points) AS points FROM points_earned
                WHERE earned_at >= %1$s AND earned_at <= %2$s GROUP BY member_id, order_ref),
            figures AS (
                SELECT member_id, sum(points) AS points,
                       count(*) FILTER (WHERE order_ref IS NOT NULL AND points > 0) AS orders
                FROM per_order GROUP BY member_id)
            SELECT m.id AS member_id,
                   coalesce((SELECT d.code FROM rank_definition d
                             WHERE coalesce(f.points, 0) >= coalesce(d.min_points, 0)
                               AND coalesce(f.orders, 0) >= coalesce(d.min_orders, 0)
                             ORDER BY d.level DESC LIMIT 1), 'REGULAR') AS rank_code
            FROM member m LEFT JOIN figures f ON f.member_id = m.id
            WHERE m.erased_at IS NULL""";

    static void generate(Connection c, int members, long earnings) throws SQLException {
        long t = System.nanoTime();
        exec(c, """
                INSERT INTO member (customer_ref, locale, registered_at)
                SELECT 'BENCH-' || g, CASE WHEN g %% 5 = 0 THEN 'en' ELSE 'ja' END, timestamptz '2024-04-01 00:00+09'
                FROM generate_series(1, %d) g""".formatted(members));
        System.out.printf("generated %,d members in %.1f s%n", members, seconds(Duration.ofNanos(System.nanoTime() - t)));
        t = System.nanoTime();
        exec(c, "DROP INDEX points_earned_member");
        // Time-ordered over the year before the run; member chosen by a low-discrepancy sequence squared, so low ids
        // are heavy buyers (thousands of earnings) and high ids occasional ones (a handful).
        exec(c, """
                INSERT INTO points_earned (member_id, order_ref, points, earned_at)
                SELECT least(%1$d, 1 + floor(%1$d * x * x))::bigint,
                       CASE WHEN g %% 20 = 0 THEN NULL ELSE 'O' || g END,
                       CASE WHEN g %% 37 = 0 THEN -1 ELSE 1 END * (20 + (g * 7919) %% 181),
                       timestamptz '2025-07-01 00:00+09' + (g::double precision / %2$d) * interval '365 days'
                FROM (SELECT g, g * 0.6180339887498949 - floor(g * 0.6180339887498949) AS x
                      FROM generate_series(1::bigint, %2$d) g) s""".formatted(members, earnings));
        System.out.printf("generated %,d earnings in %.1f s%n", earnings, seconds(Duration.ofNanos(System.nanoTime() - t)));
        t = System.nanoTime();
        exec(c, "SET maintenance_work_mem = '1GB'");
        exec(c, "CREATE INDEX points_earned_member ON points_earned (member_id, earned_at) INCLUDE (order_ref, points)");
        exec(c, "CREATE INDEX points_earned_at ON points_earned (earned_at)");
        exec(c, "VACUUM ANALYZE points_earned");
        exec(c, "VACUUM ANALYZE member");
        exec(c, "CHECKPOINT");
        System.out.printf("indexed and vacuumed in %.1f s%n", seconds(Duration.ofNanos(System.nanoTime() - t)));
        // Both the baseline's session and the job's pooled sessions read the server defaults.
        exec(c, "ALTER SYSTEM SET work_mem = '256MB'");
        exec(c, "SELECT pg_reload_conf()");
    }

    static String settings(Connection c) throws SQLException {
        return text(c, """
                SELECT 'work_mem ' || current_setting('work_mem') || ', shared_buffers ' || current_setting('shared_buffers')
                    || ', max_parallel_workers_per_gather ' || current_setting('max_parallel_workers_per_gather')
                    || ', fsync ' || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit')""");
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static long number(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
