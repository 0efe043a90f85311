package dev.kizuna.segment.ltv;

import dev.kizuna.core.errors.InvalidInput;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import static dev.kizuna.segment.ltv.CustomerSummaryTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

class GammaGammaTest {
    /** Fader and Hardie (2013), "The Gamma-Gamma Model of Monetary Value", CDNOW sample. */
    static final GammaGammaModel PUBLISHED = new GammaGammaModel(6.25, 3.74, 15.44);

    @Test
    void reproduces_the_published_cdnow_estimates_on_the_946_repeat_buyers() {
        GammaGammaFit fit = GammaGammaFitter.fit(Cdnow.sampleSummariesWithSpend());

        assertThat(fit.customers()).isEqualTo(946);
        assertThat(threeSignificantFigures(fit.model().p())).isEqualTo(6.25);
        assertThat(threeSignificantFigures(fit.model().q())).isEqualTo(3.74);
        assertThat(threeSignificantFigures(fit.model().gamma())).isEqualTo(15.4);
        assertThat(fit.model().gamma()).isCloseTo(15.44, withinPercentage(0.1));
        // the published figures are rounded, so they fit a little worse than the maximum found
        double atPublished = Cdnow.sampleSummariesWithSpend().stream()
                .filter(CustomerSummary::hasRepeatSpend)
                .mapToDouble(c -> PUBLISHED.logLikelihood(c.frequency(), c.monetary().orElseThrow()))
                .sum();
        assertThat(atPublished).isCloseTo(-4055.9247127301614, offset(1e-6)); // mpmath
        assertThat(fit.logLikelihood()).isGreaterThan(atPublished).isCloseTo(atPublished, offset(0.01));
    }

    @Test
    void expected_spend_leans_from_the_population_mean_to_the_customers_own_with_more_purchases() {
        // p(γ + x z̄)/(px + q − 1): customer 1 of the sample, two repeat purchases averaging $22.35
        assertThat(PUBLISHED.expectedAverageSpend(2, 22.35))
                .isCloseTo(6.25 * (15.44 + 2 * 22.35) / (6.25 * 2 + 3.74 - 1), withinPercentage(1e-12))
                .isCloseTo(24.664, offset(0.001));
        double populationMean = 6.25 * 15.44 / (3.74 - 1);
        assertThat(PUBLISHED.expectedAverageSpend(0, Double.NaN)).isCloseTo(populationMean, withinPercentage(1e-12));
        assertThat(PUBLISHED.expectedAverageSpend(1, 100) - 100)
                .isLessThan(0)
                .isLessThan(PUBLISHED.expectedAverageSpend(50, 100) - 100);
        assertThat(PUBLISHED.expectedAverageSpend(50, 100)).isCloseTo(100, withinPercentage(1));
    }

    @Test
    void log_likelihood_matches_a_reference_value() {
        assertThat(PUBLISHED.logLikelihood(2, 22.35)).isCloseTo(-3.5513167597317047, withinPercentage(1e-10)); // mpmath
    }

    @Test
    void an_infinite_expectation_is_refused() {
        GammaGammaModel heavyTailed = new GammaGammaModel(0.5, 0.8, 10);
        assertThatThrownBy(() -> heavyTailed.expectedAverageSpend(0, 0)).isInstanceOf(ArithmeticException.class);
        assertThat(heavyTailed.expectedAverageSpend(1, 20)).isCloseTo(0.5 * 30 / 0.3, withinPercentage(1e-12));
    }

    @Test
    void parameters_must_be_positive_and_the_fit_needs_repeat_spend() {
        assertRefused(() -> new GammaGammaModel(0, 1, 1), "p");
        assertRefused(() -> new GammaGammaModel(1, -1, 1), "q");
        assertRefused(() -> new GammaGammaModel(1, 1, Double.NaN), "gamma");
        assertThatThrownBy(() -> GammaGammaFitter.fit(List.of(CustomerSummary.of(0, 0, 10, 0),
                CustomerSummary.of(2, 3, 10), CustomerSummary.of(2, 3, 10, 0))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("customers"));
    }

    static double threeSignificantFigures(double value) {
        return new BigDecimal(value).round(new MathContext(3)).doubleValue();
    }
}
