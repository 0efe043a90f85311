package dev.kizuna.segment.prediction;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ltv-fit} job end to end on a real PostgreSQL holding about {@code N} customers (default 1,000,000;
 * target ≤ 10 s within a 512 MB heap): summarising every customer's orders, fitting on the sample, placing the
 * deciles and writing every prediction. The baseline, measured in the same run, is the SQL the job cannot do
 * without, written by hand as one statement: the same per-customer summary (purchase days, t_x, T, mean repeat
 * spend) aggregated over the same orders and written as one row per customer.
 *
 * <p>The customers are the 23,570 of CDNOW_master.txt (January 1997 to June 1998), copied as many times as it takes,
 * amounts in cents as yen, judged as of 1 July 1998.
 *
 * <pre>
 * ./mvnw -o -q -pl segment-module test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx512m -cp segment-module/target/test-classes:segment-module/target/classes:$(cat segment-module/target/cp.txt) \
 *      dev.kizuna.segment.prediction.LtvFitJobBench [customers]
 * </pre>
 * ({@code -Dbatch-size=N} sets {@code kizuna.segments.ltv.batch-size}, 10,000 by default.)
 */
public final class LtvFitJobBench {
    private static final Instant AS_OF = Instant.parse("1998-06-30T15:00:00Z"); // 1 July 1998, 00:00 in Tokyo

    private LtvFitJobBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "LtvFitJobBench: %,d customers, %d CPUs, max heap %d MB%n", n,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (KizunaRuntime kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.scheduler.enabled", "false",
                "kizuna.segments.ltv.batch-size", System.getProperty("batch-size", "10000")))) {
            kizuna.context().clock().set(AS_OF);
            long t = System.nanoTime();
            long orders = generate(kizuna, n);
            long members = kizuna.context().database().inTransaction(tx -> tx.sql().number("SELECT count(*) FROM member"));
            System.out.printf(Locale.ROOT, "generated %,d orders of %,d customers in %.1f s%n", orders, members, seconds(t));

            KizunaJob job = kizuna.context().jobs().find(LtvFitJob.NAME).orElseThrow();
            resetPeaks();
            for (String round : new String[] {"first run (inserts every prediction)", "second run (replaces them)"}) {
                t = System.nanoTime();
                JobRuns.JobRun run = kizuna.jobRuns().run(job, "manual", null);
                double took = seconds(t);
                if (run.status() != JobRunStatus.SUCCEEDED) {
                    throw new IllegalStateException(run.status() + ": " + run.error());
                }
                System.out.printf(Locale.ROOT, "ltv-fit %-38s %6.1f s -> %s the 10 s target%n", round, took,
                        took <= 10 ? "within" : "OVER");
                System.out.println("  outcome: " + run.outcome());
            }
            long fitMillis = kizuna.context().database().inTransaction(tx -> tx.sql().number(
                    "SELECT fit_millis FROM ltv_model ORDER BY id DESC LIMIT 1"));
            System.out.printf(Locale.ROOT, "  of which fitting on the sample: %d ms%n", fitMillis);
            System.out.printf(Locale.ROOT, "peak heap used %d MB of max %d MB%n", peakHeap() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);

            double baseline = 0;
            for (int i = 0; i < 2; i++) { // the second, on warm caches, is the one compared
                t = System.nanoTime();
                kizuna.context().database().execute(tx -> {
                    tx.sql().update("DROP TABLE IF EXISTS bench_summary");
                    tx.sql().update("SET LOCAL work_mem = '64MB'");
                    tx.sql().update("""
                            CREATE UNLOGGED TABLE bench_summary AS
                            SELECT member_id, count(*) - 1 AS x, (max(day) - min(day)) / 7.0 AS t_x,
                                   (?::date - min(day)) / 7.0 AS t_cal,
                                   coalesce((sum(amount) - (array_agg(amount ORDER BY day))[1])::float8
                                            / nullif(count(*) - 1, 0), 0) AS mean_repeat
                            FROM (SELECT member_id, (submitted_at AT TIME ZONE 'Asia/Tokyo')::date AS day,
                                         sum(merchandise_total - returned_total) AS amount
                                  FROM order_summary WHERE status NOT IN ('CANCELLED', 'RETURNED')
                                  GROUP BY member_id, day) d
                            GROUP BY member_id""", java.sql.Date.valueOf("1998-07-01"));
                });
                baseline = seconds(t);
            }
            double jobSeconds = lastRunSeconds(kizuna);
            System.out.printf(Locale.ROOT, "baseline: one hand-written aggregate writing a summary per customer %6.1f s%n",
                    baseline);
            System.out.printf(Locale.ROOT, "ratio ltv-fit (second run, %.1f s by its own clock) / baseline = %.2f%n",
                    jobSeconds, jobSeconds / baseline);
        }
    }

    /** Loads CDNOW's purchases and copies its customers until there are at least {@code n}; returns the orders. */
    private static long generate(KizunaRuntime kizuna, int n) {
        List<String[]> lines = cdnowLines();
        return kizuna.context().database().inTransaction(tx -> {
            tx.sql().update("CREATE TEMP TABLE cdnow (line int, customer int, day date, cents bigint) ON COMMIT DROP");
            try (PreparedStatement insert = tx.sql().connection().prepareStatement("INSERT INTO cdnow VALUES (?, ?, ?, ?)")) {
                int number = 0;
                for (String[] f : lines) {
                    insert.setInt(1, ++number);
                    insert.setInt(2, Integer.parseInt(f[0]));
                    insert.setDate(3, java.sql.Date.valueOf(LocalDate.parse(f[1], DateTimeFormatter.BASIC_ISO_DATE)));
                    insert.setLong(4, new BigDecimal(f[3]).movePointRight(2).longValueExact());
                    insert.addBatch();
                    if (number % 10_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            long customers = tx.sql().number("SELECT count(DISTINCT customer) FROM cdnow");
            long copies = (n + customers - 1) / customers;
            tx.sql().update("""
                    INSERT INTO member (customer_ref, registered_at)
                    SELECT 'B' || k || '-' || customer, ? FROM (SELECT DISTINCT customer FROM cdnow) c,
                                                               generate_series(1, ?) k
                    ORDER BY k, customer""", Timestamp.from(AS_OF), copies);
            tx.sql().update("""
                    INSERT INTO order_summary (order_ref, member_id, currency, channel, merchandise_total, discount_total,
                                               shipping_total, tax_total, points_redeemed, grand_total, status, submitted_at)
                    SELECT 'B' || k || '-' || c.line, m.id, 'JPY', 'WEB', c.cents, 0, 0, 0, 0, c.cents, 'DELIVERED',
                           (c.day + time '03:00') AT TIME ZONE 'UTC'
                    FROM cdnow c CROSS JOIN generate_series(1, ?) k
                         JOIN member m ON m.customer_ref = 'B' || k || '-' || c.customer""", copies);
            tx.sql().update("ANALYZE member");
            tx.sql().update("ANALYZE order_summary");
            return tx.sql().number("SELECT count(*) FROM order_summary");
        });
    }

    private static List<String[]> cdnowLines() {
        List<String[]> lines = new ArrayList<>();
        try (InputStream in = LtvFitJobBench.class.getResourceAsStream("/cdnow/CDNOW_master.txt")) {
            if (in == null) {
                throw new IllegalStateException("test resource /cdnow/CDNOW_master.txt is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.strip().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static double lastRunSeconds(KizunaRuntime kizuna) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT extract(epoch FROM finished_at - started_at) FROM job_run WHERE job_name = ? ORDER BY id DESC LIMIT 1",
                rs -> rs.getDouble(1), LtvFitJob.NAME).orElseThrow());
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of what was live at once. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
