package dev.kizuna.segment.funnel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Counts retention cohorts from each customer's order times: the cohort is the month of the first order, and a
 * customer counts once in month k after it when any order falls in that calendar month, however many there are.
 */
public final class Retention {
    private static final long DAY = 86_400;

    private final ZoneId zone;
    private final ZoneOffset fixedOffset;
    private final int fromIndex;
    private final int toIndex;
    private final int currentIndex;
    private final TreeMap<Integer, long[]> cohorts = new TreeMap<>();

    /**
     * Cohorts whose first order falls from {@code from} to {@code to}; months after {@code current} (today's month
     * in the shop's zone) have not begun and stay null.
     */
    public Retention(ZoneId zone, YearMonth from, YearMonth to, YearMonth current) {
        this.zone = zone;
        this.fixedOffset = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
        this.fromIndex = index(from);
        this.toIndex = index(to);
        this.currentIndex = index(current);
    }

    /** Counts a customer by the times of their orders not cancelled, oldest first (none: not counted). */
    public void add(long[] orderedAt) {
        if (orderedAt.length == 0) {
            return;
        }
        int first = monthIndex(orderedAt[0]);
        if (first < fromIndex || first > toIndex) {
            return;
        }
        long[] counts = cohorts.computeIfAbsent(first, k -> new long[RetentionReport.MONTHS + 1]);
        counts[0]++;
        int last = 0;
        for (int i = 1; i < orderedAt.length; i++) {
            int k = monthIndex(orderedAt[i]) - first;
            if (k > RetentionReport.MONTHS) {
                break;
            }
            if (k > last) {
                counts[k]++;
                last = k;
            }
        }
    }

    public RetentionReport report() {
        List<RetentionReport.Cohort> out = new ArrayList<>();
        cohorts.forEach((month, counts) -> {
            List<Long> returning = new ArrayList<>(RetentionReport.MONTHS);
            List<Double> share = new ArrayList<>(RetentionReport.MONTHS);
            for (int k = 1; k <= RetentionReport.MONTHS; k++) {
                boolean begun = month + k <= currentIndex;
                returning.add(begun ? counts[k] : null);
                share.add(begun ? (double) counts[k] / counts[0] : null);
            }
            out.add(new RetentionReport.Cohort(yearMonth(month), counts[0], returning, share));
        });
        return new RetentionReport(yearMonth(fromIndex), yearMonth(toIndex), List.copyOf(out));
    }

    int monthIndex(long epochSecond) {
        LocalDate d = fixedOffset != null
                ? LocalDate.ofEpochDay(Math.floorDiv(epochSecond + fixedOffset.getTotalSeconds(), DAY))
                : Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalDate();
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }

    private static int index(YearMonth m) {
        return m.getYear() * 12 + m.getMonthValue() - 1;
    }

    private static YearMonth yearMonth(int index) {
        return YearMonth.of(Math.floorDiv(index, 12), Math.floorMod(index, 12) + 1);
    }
}
