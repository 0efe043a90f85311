package dev.kizuna.segment.ltv;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import static dev.kizuna.segment.ltv.CustomerSummaryTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class TransactionSummarizerTest {
    static final LocalDate JAN_1 = LocalDate.of(1997, 1, 1);
    static final LocalDate JAN_15 = LocalDate.of(1997, 1, 15);
    static final LocalDate FEB_1 = LocalDate.of(1997, 2, 1);
    static final LocalDate FEB_12 = LocalDate.of(1997, 2, 12);
    static final LocalDate MAR_12 = LocalDate.of(1997, 3, 12);

    static Purchase buy(String customer, LocalDate day, double amount) {
        return new Purchase(customer, day, amount);
    }

    static final List<Purchase> LOG = List.of(
            buy("A", JAN_1, 10), buy("A", JAN_1, 5), buy("A", JAN_15, 20), buy("A", JAN_15, 4), buy("A", FEB_12, 30),
            buy("B", JAN_1, 100),
            buy("C", JAN_1, 100), buy("C", JAN_1.plusDays(7), 10),
            buy("D", FEB_1.plusDays(4), 50), buy("D", MAR_12, 70));

    @Test
    void same_day_purchases_are_one_purchase_with_their_amounts_summed() {
        CustomerSummary a = TransactionSummarizer.summarize(LOG, MAR_12).get("A");
        assertThat(a.frequency()).isEqualTo(2);
        assertThat(a.recency()).isEqualTo(6.0); // Jan 1 to Feb 12: 42 days
        assertThat(a.age()).isEqualTo(10.0); // Jan 1 to Mar 12: 70 days
        assertThat(a.monetary()).hasValue((20 + 4 + 30) / 2.0);
    }

    @Test
    void the_first_purchase_counts_neither_in_frequency_nor_in_spend() {
        SortedMap<String, CustomerSummary> summaries = TransactionSummarizer.summarize(LOG, MAR_12);
        assertThat(summaries.get("B")).isEqualTo(CustomerSummary.of(0, 0, 10));
        assertThat(summaries.get("C")).isEqualTo(CustomerSummary.of(1, 1, 10, 10));
    }

    @Test
    void the_calibration_end_cuts_later_purchases_and_customers_who_start_later() {
        SortedMap<String, CustomerSummary> summaries = TransactionSummarizer.summarize(LOG, FEB_1);
        assertThat(summaries).containsOnlyKeys("A", "B", "C");
        assertThat(summaries.get("A")).isEqualTo(CustomerSummary.of(1, 2, 31 / 7.0, 24));
        // a purchase on the last day of the calibration period counts
        assertThat(TransactionSummarizer.summarize(LOG, FEB_12).get("A").frequency()).isEqualTo(2);
        assertThat(TransactionSummarizer.summarize(LOG, FEB_12.minusDays(1)).get("A").frequency()).isEqualTo(1);
    }

    @Test
    void without_a_calibration_end_the_age_runs_to_the_last_purchase_in_the_log() {
        SortedMap<String, CustomerSummary> summaries = TransactionSummarizer.summarize(LOG);
        assertThat(summaries).containsOnlyKeys("A", "B", "C", "D");
        assertThat(summaries.get("B").age()).isEqualTo(10.0);
        assertThat(summaries.get("D")).isEqualTo(CustomerSummary.of(1, 5, 5, 70));
        assertThat(TransactionSummarizer.summarize(List.of())).isEmpty();
    }

    @Test
    void the_order_of_the_log_does_not_matter() {
        List<Purchase> shuffled = new ArrayList<>(LOG);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(TransactionSummarizer.summarize(shuffled, MAR_12))
                .isEqualTo(TransactionSummarizer.summarize(LOG, MAR_12));
    }

    @Test
    void a_purchase_needs_a_customer_a_day_and_an_amount_of_at_least_zero() {
        assertRefused(() -> buy(" ", JAN_1, 1), "customerId");
        assertRefused(() -> buy("A", null, 1), "date");
        assertRefused(() -> buy("A", JAN_1, -0.01), "amount");
        assertRefused(() -> buy("A", JAN_1, Double.NaN), "amount");
        assertThat(buy("A", JAN_1, 0).amount()).isZero();
    }

    /** Figures from an independent script over the same file (distinct customer-days up to 1997-09-30). */
    @Test
    void the_cdnow_log_summarizes_to_23570_customers_as_in_the_paper() {
        SortedMap<String, CustomerSummary> summaries =
                TransactionSummarizer.summarize(Cdnow.masterPurchases(), Cdnow.CALIBRATION_END);
        assertThat(summaries).hasSize(23_570);
        assertThat(summaries.values().stream().mapToLong(CustomerSummary::frequency).sum()).isEqualTo(24_337);
        assertThat(summaries.values().stream().filter(c -> c.frequency() > 0).count()).isEqualTo(9_451);
        assertThat(summaries.values().stream().mapToDouble(CustomerSummary::age).sum())
                .isCloseTo(5_399_736 / 7.0, offset(1e-6));
        assertThat(summaries.values().stream().mapToDouble(CustomerSummary::age).max().orElseThrow())
                .isEqualTo(272 / 7.0);
        assertThat(summaries.values().stream().filter(c -> c.frequency() > 0)
                .mapToDouble(c -> c.monetary().orElseThrow()).average().orElseThrow())
                .isCloseTo(35.627371, offset(1e-6));
        assertThat(summaries.get("00002")).isEqualTo(CustomerSummary.of(0, 0, 261 / 7.0));
    }

    @Property
    void frequency_counts_the_days_after_the_first_and_spend_averages_their_totals(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 200) Integer> days,
            @ForAll @IntRange(min = 0, max = 50) int endAfterLastDay) {
        List<Purchase> purchases = new ArrayList<>();
        Map<Integer, Double> dayTotals = new TreeMap<>();
        for (int i = 0; i < days.size(); i++) {
            double amount = 1 + i;
            purchases.add(buy("Z", JAN_1.plusDays(days.get(i)), amount));
            dayTotals.merge(days.get(i), amount, Double::sum);
        }
        int first = Collections.min(days);
        int last = Collections.max(days);
        CustomerSummary z = TransactionSummarizer.summarize(purchases, JAN_1.plusDays(last + endAfterLastDay)).get("Z");

        assertThat(z.frequency()).isEqualTo(dayTotals.size() - 1);
        assertThat(z.recency()).isEqualTo((last - first) / 7.0);
        assertThat(z.age()).isEqualTo((last + endAfterLastDay - first) / 7.0);
        if (z.frequency() == 0) {
            assertThat(z.monetary()).isEmpty();
        } else {
            double repeatTotal = dayTotals.values().stream().mapToDouble(Double::doubleValue).sum() - dayTotals.get(first);
            assertThat(z.monetary().orElseThrow()).isCloseTo(repeatTotal / z.frequency(), offset(1e-9));
        }
    }
}
