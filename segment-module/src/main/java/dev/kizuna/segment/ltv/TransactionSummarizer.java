package dev.kizuna.segment.ltv;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a purchase log into customer summaries the way Fader, Hardie and Lee (2005) prepared CDNOW:
 * <ul>
 *   <li>purchases of a customer on the same day are one purchase (their amounts summed): the models count buying
 *       occasions, and a basket split over several orders is still one visit;</li>
 *   <li>the first purchase starts the customer's clock and is not counted in the frequency x;</li>
 *   <li>times are in weeks (days / 7), the age T runs from the first purchase to the end of the calibration period;</li>
 *   <li>the spend z̄ is the mean day total of the repeat purchases only (Fader and Hardie's Gamma-Gamma note leaves
 *       the first purchase out because it differs systematically from later ones).</li>
 * </ul>
 */
public final class TransactionSummarizer {
    private static final double DAYS_PER_WEEK = 7.0;
    private static final Comparator<Purchase> BY_CUSTOMER_THEN_DAY =
            Comparator.comparing(Purchase::customerId).thenComparing(Purchase::date);

    private TransactionSummarizer() {
    }

    /**
     * Summaries of the customers who bought on or before {@code calibrationEnd}; later purchases are ignored.
     *
     * @return summaries by customer id, in customer id order
     */
    public static SortedMap<String, CustomerSummary> summarize(Collection<Purchase> purchases, LocalDate calibrationEnd) {
        List<Purchase> calibration = new ArrayList<>(purchases.size());
        for (Purchase purchase : purchases) {
            if (!purchase.date().isAfter(calibrationEnd)) {
                calibration.add(purchase);
            }
        }
        calibration.sort(BY_CUSTOMER_THEN_DAY);

        SortedMap<String, CustomerSummary> summaries = new TreeMap<>();
        int from = 0;
        while (from < calibration.size()) {
            String customerId = calibration.get(from).customerId();
            int to = from;
            while (to < calibration.size() && calibration.get(to).customerId().equals(customerId)) {
                to++;
            }
            summaries.put(customerId, summarizeCustomer(calibration.subList(from, to), calibrationEnd));
            from = to;
        }
        return Collections.unmodifiableSortedMap(summaries);
    }

    /** Summaries with the calibration period ending on the day of the latest purchase in the log. */
    public static SortedMap<String, CustomerSummary> summarize(Collection<Purchase> purchases) {
        return purchases.stream()
                .map(Purchase::date)
                .max(Comparator.naturalOrder())
                .map(lastDay -> summarize(purchases, lastDay))
                .orElse(Collections.emptySortedMap());
    }

    /** @param purchases one customer's purchases, in day order, none after the calibration end */
    private static CustomerSummary summarizeCustomer(List<Purchase> purchases, LocalDate calibrationEnd) {
        LocalDate firstDay = purchases.get(0).date();
        LocalDate day = firstDay;
        int repeatDays = 0;
        double repeatSpend = 0;
        for (Purchase purchase : purchases) {
            if (!purchase.date().equals(day)) {
                day = purchase.date();
                repeatDays++;
            }
            if (repeatDays > 0) {
                repeatSpend += purchase.amount();
            }
        }
        double recency = ChronoUnit.DAYS.between(firstDay, day) / DAYS_PER_WEEK;
        double age = ChronoUnit.DAYS.between(firstDay, calibrationEnd) / DAYS_PER_WEEK;
        OptionalDouble monetary = repeatDays == 0 ? OptionalDouble.empty() : OptionalDouble.of(repeatSpend / repeatDays);
        return new CustomerSummary(repeatDays, recency, age, monetary);
    }
}
