package dev.kizuna.segment.forecast;

import dev.kizuna.segment.ltv.BgNbdModel;

import java.util.Map;
import java.util.TreeMap;

/**
 * Cumulative repeat purchases of a cohort week by week as the BG/NBD model expects them, the tracking plot of
 * Fader, Hardie and Lee (2005, Figure 2): a customer whose first purchase was on day d of the period has, by the end
 * of week w, made E[X(t)] repeat purchases (eq. 9, unconditional: nothing of their later history is used) with
 * t = (7w − 1 − d) / 7 weeks, the same clock as the summaries' T (the last day of week w less the first day).
 */
public final class RepeatTracking {
    private static final double DAYS_PER_WEEK = 7.0;

    private RepeatTracking() {
    }

    /**
     * @param firstPurchaseDays each customer's first purchase day, 0 = the period's first day
     * @return expected cumulative repeat purchases at the end of weeks 1…{@code weeks} (index 0 is week 1)
     */
    public static double[] expectedCumulative(BgNbdModel model, int[] firstPurchaseDays, int weeks) {
        Map<Integer, Integer> byDay = new TreeMap<>();
        for (int d : firstPurchaseDays) {
            byDay.merge(d, 1, Integer::sum);
        }
        double[] out = new double[weeks];
        for (Map.Entry<Integer, Integer> e : byDay.entrySet()) {
            for (int w = 1; w <= weeks; w++) {
                double t = (DAYS_PER_WEEK * w - 1 - e.getKey()) / DAYS_PER_WEEK;
                if (t > 0) {
                    out[w - 1] += e.getValue() * model.expectedPurchases(0, 0, 0, t);
                }
            }
        }
        return out;
    }
}
