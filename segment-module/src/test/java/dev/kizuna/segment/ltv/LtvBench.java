package dev.kizuna.segment.ltv;

import dev.kizuna.segment.prediction.DecileBounds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Speed of the LTV models, each figure beside a baseline measured in the same run:
 * <ol>
 *   <li>fitting BG/NBD and Gamma-Gamma on all 23,570 CDNOW customers (the paper's 39-week calibration period;
 *       target ≤ 2 s), against one plain pass of the BG/NBD log-likelihood over every customer times the
 *       Nelder-Mead iterations the fit used;</li>
 *   <li>scoring 1,000,000 customers (expected purchases over 52 weeks, P(alive), expected spend, predicted value and
 *       decile; target ≤ 10 s within a 512 MB heap), against a plain loop over the same arrays evaluating only the
 *       closed forms (P(alive) times the expected spend, no hypergeometric series).</li>
 * </ol>
 * The million customers are CDNOW customers drawn with replacement, held in primitive arrays as the {@code ltv-fit}
 * job holds them.
 *
 * <pre>
 * ./mvnw -o -q -pl segment-module test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx512m -cp segment-module/target/test-classes:segment-module/target/classes:$(cat segment-module/target/cp.txt) \
 *      dev.kizuna.segment.ltv.LtvBench [customers-to-score]
 * </pre>
 */
public final class LtvBench {
    private static final int ROUNDS = 5;
    private static final double HORIZON_WEEKS = 52;

    private LtvBench() {
    }

    public static void main(String[] args) {
        int toScore = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "LtvBench: %d CPUs, max heap %d MB, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

        long t0 = System.nanoTime();
        List<Purchase> purchases = Cdnow.masterPurchases();
        List<CustomerSummary> customers = new ArrayList<>(
                TransactionSummarizer.summarize(purchases, Cdnow.CALIBRATION_END).values());
        System.out.printf(Locale.ROOT, "read and summarised %,d purchases into %,d customers in %.0f ms%n",
                purchases.size(), customers.size(), millis(t0));

        BgNbdFit bg = fitBench(customers);
        GammaGammaModel gg = GammaGammaFitter.fit(customers).model();
        scoreBench(customers, bg.model(), gg, toScore);
    }

    private static BgNbdFit fitBench(List<CustomerSummary> customers) {
        System.out.println();
        System.out.println("== fit on all CDNOW customers (target ≤ 2 s)");
        for (int i = 0; i < 2; i++) { // warm-up
            BgNbdFitter.fit(customers);
            GammaGammaFitter.fit(customers);
        }
        double[] bgMillis = new double[ROUNDS];
        double[] ggMillis = new double[ROUNDS];
        BgNbdFit bg = null;
        GammaGammaFit gg = null;
        for (int i = 0; i < ROUNDS; i++) {
            long t = System.nanoTime();
            bg = BgNbdFitter.fit(customers);
            bgMillis[i] = millis(t);
            t = System.nanoTime();
            gg = GammaGammaFitter.fit(customers);
            ggMillis[i] = millis(t);
        }
        BgNbdModel m = bg.model();
        System.out.printf(Locale.ROOT, "BG/NBD      r=%.4f alpha=%.4f a=%.4f b=%.4f loglik=%.2f, %d iterations%n",
                m.r(), m.alpha(), m.a(), m.b(), bg.logLikelihood(), bg.iterations());
        System.out.printf(Locale.ROOT, "Gamma-Gamma p=%.4f q=%.4f gamma=%.4f loglik=%.2f on %d repeat buyers, %d iterations%n",
                gg.model().p(), gg.model().q(), gg.model().gamma(), gg.logLikelihood(), gg.customers(), gg.iterations());

        // baseline: the per-customer log-likelihood, summed in a plain loop, once per iteration the fit used
        double passMillis = medianOf(() -> {
            double sum = 0;
            for (CustomerSummary c : customers) {
                sum += m.logLikelihood(c.frequency(), c.recency(), c.age());
            }
            return sum;
        }, 50);
        double baseline = passMillis * bg.iterations();
        double bgMedian = median(bgMillis);
        double ggMedian = median(ggMillis);
        System.out.printf(Locale.ROOT, "BG/NBD fit            %8.1f ms (median of %d)%n", bgMedian, ROUNDS);
        System.out.printf(Locale.ROOT, "Gamma-Gamma fit       %8.1f ms (median of %d)%n", ggMedian, ROUNDS);
        System.out.printf(Locale.ROOT, "both fits             %8.1f ms  -> %s the 2 s target%n", bgMedian + ggMedian,
                bgMedian + ggMedian <= 2000 ? "within" : "OVER");
        System.out.printf(Locale.ROOT, "baseline: one plain likelihood pass %.3f ms x %d iterations = %.1f ms%n",
                passMillis, bg.iterations(), baseline);
        System.out.printf(Locale.ROOT, "ratio BG/NBD fit / baseline = %.2f%n", bgMedian / baseline);
        return bg;
    }

    private static void scoreBench(List<CustomerSummary> cdnow, BgNbdModel bg, GammaGammaModel gg, int n) {
        System.out.println();
        System.out.printf(Locale.ROOT, "== scoring %,d customers over %.0f weeks (target ≤ 10 s, heap ≤ 512 MB)%n", n,
                HORIZON_WEEKS);
        // the job's layout: one primitive array per figure
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        double[] spend = new double[n];
        SplittableRandom random = new SplittableRandom(20050101L);
        for (int i = 0; i < n; i++) {
            CustomerSummary c = cdnow.get(random.nextInt(cdnow.size()));
            x[i] = c.frequency();
            tx[i] = c.recency();
            t[i] = c.age();
            spend[i] = c.monetary().orElse(0);
        }
        double[] expected = new double[n];
        double[] alive = new double[n];
        double[] value = new double[n];
        int[] decile = new int[n];
        double[] sorted = new double[n];

        double[] scoreMillis = new double[ROUNDS];
        double[] baselineMillis = new double[ROUNDS];
        long peakHeap = 0;
        for (int round = -1; round < ROUNDS; round++) { // round −1 warms up
            System.gc();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                expected[i] = bg.expectedPurchases(x[i], tx[i], t[i], HORIZON_WEEKS);
                alive[i] = bg.probabilityAlive(x[i], tx[i], t[i]);
                value[i] = expected[i] * gg.expectedAverageSpend(x[i], spend[i]);
            }
            System.arraycopy(value, 0, sorted, 0, n);
            DecileBounds bounds = DecileBounds.of(sorted, n);
            for (int i = 0; i < n; i++) {
                decile[i] = bounds.decileOf(value[i]);
            }
            double took = millis(start);
            peakHeap = Math.max(peakHeap, usedHeap());

            start = System.nanoTime();
            double check = 0;
            for (int i = 0; i < n; i++) {
                double a = bg.probabilityAlive(x[i], tx[i], t[i]);
                check += a * gg.expectedAverageSpend(x[i], spend[i]);
            }
            double baselineTook = millis(start);
            if (Double.isNaN(check)) {
                throw new IllegalStateException("baseline went wrong");
            }
            if (round >= 0) {
                scoreMillis[round] = took;
                baselineMillis[round] = baselineTook;
            }
        }
        long[] perDecile = new long[11];
        for (int d : decile) {
            perDecile[d]++;
        }
        double sumValue = Arrays.stream(value).sum();
        double score = median(scoreMillis);
        double baseline = median(baselineMillis);
        System.out.printf(Locale.ROOT, "mean predicted value %.2f, mean P(alive) %.3f, customers per decile %s%n",
                sumValue / n, Arrays.stream(alive).average().orElse(0), Arrays.toString(Arrays.copyOfRange(perDecile, 1, 11)));
        System.out.printf(Locale.ROOT, "scoring + deciles     %8.1f ms (median of %d; %.2f µs a customer) -> %s the 10 s target%n",
                score, ROUNDS, score * 1000 / n, score <= 10_000 ? "within" : "OVER");
        System.out.printf(Locale.ROOT, "baseline: closed forms only (P(alive) x expected spend) %8.1f ms%n", baseline);
        System.out.printf(Locale.ROOT, "ratio scoring / baseline = %.2f%n", score / baseline);
        System.out.printf(Locale.ROOT, "heap: arrays %d MB, peak used %d MB of max %d MB%n",
                ((long) n * (4 + 8 * 3 + 8 * 3 + 4 + 8)) >> 20, peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private interface Pass {
        double run();
    }

    private static double medianOf(Pass pass, int times) {
        double[] took = new double[times];
        double sink = 0;
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            sink += pass.run();
            took[i] = millis(t);
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("pass went wrong");
        }
        return median(took);
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
