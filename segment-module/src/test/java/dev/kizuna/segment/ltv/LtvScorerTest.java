package dev.kizuna.segment.ltv;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kizuna.segment.ltv.CustomerSummaryTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class LtvScorerTest {
    static final LtvScorer NEXT_39_WEEKS = new LtvScorer(BgNbdModelTest.PUBLISHED, GammaGammaTest.PUBLISHED, 39);

    @Test
    void predicted_value_is_expected_purchases_times_expected_spend() {
        // the paper's example customer, with the spend of customer 1 in the Gamma-Gamma note
        CustomerSummary customer = CustomerSummary.of(2, 30.43, 38.86, 22.35);
        double purchases = 1.2260281747671445;
        double spend = 6.25 * (15.44 + 2 * 22.35) / (6.25 * 2 + 3.74 - 1);
        assertThat(NEXT_39_WEEKS.predictedValue(customer)).isCloseTo(purchases * spend, withinPercentage(1e-10));
        assertThat(NEXT_39_WEEKS.predictedValue(2, 30.43, 38.86, 22.35)).isEqualTo(NEXT_39_WEEKS.predictedValue(customer));
    }

    @Test
    void a_customer_without_repeat_purchases_is_valued_at_the_population_mean_spend() {
        double purchases = BgNbdModelTest.PUBLISHED.expectedPurchases(0, 0, 38.86, 39);
        assertThat(NEXT_39_WEEKS.predictedValue(CustomerSummary.of(0, 0, 38.86)))
                .isCloseTo(purchases * 6.25 * 15.44 / 2.74, withinPercentage(1e-10));
    }

    @Test
    void the_stream_scores_every_customer_in_order() {
        List<CustomerSummary> sample = Cdnow.sampleSummariesWithSpend();
        double[] streamed = NEXT_39_WEEKS.predictedValues(sample.stream()).toArray();
        assertThat(streamed).hasSize(sample.size());
        for (int i = 0; i < sample.size(); i += 97) {
            assertThat(streamed[i]).isEqualTo(NEXT_39_WEEKS.predictedValue(sample.get(i)));
        }
    }

    @Test
    void refuses_what_cannot_be_valued() {
        assertRefused(() -> NEXT_39_WEEKS.predictedValue(CustomerSummary.of(2, 30.43, 38.86)), "monetary");
        assertRefused(() -> new LtvScorer(BgNbdModelTest.PUBLISHED, GammaGammaTest.PUBLISHED, -1), "horizon");
        assertRefused(() -> new LtvScorer(BgNbdModelTest.PUBLISHED, new GammaGammaModel(6, 0.9, 15), 39), "q");
    }
}
