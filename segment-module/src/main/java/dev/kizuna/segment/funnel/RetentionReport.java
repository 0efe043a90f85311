package dev.kizuna.segment.funnel;

import java.time.YearMonth;
import java.util.List;

/**
 * Retention by first-order month: for each cohort (the customers whose first order not cancelled fell in that month
 * of the shop's zone) the number and share of them ordering again in each of the {@link #MONTHS} months after it.
 * A month that has not begun yet is null; the current month counts so far.
 */
public record RetentionReport(YearMonth from, YearMonth to, List<Cohort> cohorts) {
    public static final int MONTHS = 12;

    /** {@code returning.get(k - 1)} and {@code share.get(k - 1)} are of month k after the first order's. */
    public record Cohort(YearMonth month, long customers, List<Long> returning, List<Double> share) {
    }
}
