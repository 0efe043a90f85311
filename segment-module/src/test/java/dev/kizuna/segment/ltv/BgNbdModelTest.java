package dev.kizuna.segment.ltv;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.kizuna.segment.ltv.CustomerSummaryTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

class BgNbdModelTest {
    /** Fader, Hardie and Lee (2005), CDNOW sample, table of estimates. */
    static final BgNbdModel PUBLISHED = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
    static final double PRECISE = 1e-10; // percent, i.e. 1e-12 relative

    @Test
    void reproduces_the_papers_conditional_expectation_for_its_example_customer() {
        // x = 2, t_x = 30.43, T = 38.86: 1.226 purchases expected in the next 39 weeks
        double expected = PUBLISHED.expectedPurchases(CustomerSummary.of(2, 30.43, 38.86), 39);
        assertThat(expected).isCloseTo(1.226, offset(0.0005));
        assertThat(expected).isCloseTo(1.2260281747671445, withinPercentage(PRECISE));
    }

    /** Eq. 10 as written, evaluated with mpmath (hyp2f1, 50 digits). */
    @ParameterizedTest
    @CsvSource({
        "30, 10,    12,    200, 46.665087528932323",
        "0,  0,     0,     520, 4.9746178618496597",
        "5,  1,     2,     52,  13.04754890590996",
        "1,  1.71,  38.86, 39,  0.20318698707975406",
        "0,  0,     38.86, 39,  0.19509805201126264",
    })
    void matches_reference_values_of_equation_10(int x, double tx, double age, double horizon, double reference) {
        assertThat(PUBLISHED.expectedPurchases(x, tx, age, horizon)).isCloseTo(reference, withinPercentage(PRECISE));
    }

    /**
     * A fit can run off to a large a and b (drop-out probabilities all close to a/(a+b)); there the factors of the
     * Euler form leave the double's range, and the expectation must still be right, also for horizons longer than
     * α+T and for b+x ≤ 2, where the Beta density is skewed and not smooth at p = 1 (mpmath, eq. 10 as written).
     */
    @ParameterizedTest
    @CsvSource({
        "0.243, 4.414, 500,    1000,   2, 30.43, 38.86, 39, 0.73755228917993127663",
        "0.243, 4.414, 1000,   2000,   2, 30.43, 38.86, 39, 0.7371581596096134858",
        "0.33,  20,    3.9e6,  7e6,    1, 10,    50,    52, 0.27656939048294238952",
        "0.33,  20,    3.9e6,  7e6,    0, 0,     50,    52, 0.20914752399797917491",
        "0.243, 4.414, 2000,   1,      3, 30,    38.86, 39, 0.00062528085657278750239",
        "0.33,  20,    3.9e6,  7e6,    1, 2,     3,     52, 0.95804985661066035806",
        "0.33,  20,    3.9e6,  7e6,    0, 0,     1,     52, 0.52795842259385496375",
        "0.243, 4.414, 5000,   3000,   4, 2,     3,     104, 0.39246060563999485714",
        "0.3,   1,     200,    0.5,    0, 0,     0,     52, 0.69763261416321873",
        "0.3,   1,     200,    0.5,    1, 0.5,   1,     52, 0.0017058903344320752",
        "0.3,   1,     200,    2,      0, 0,     0,     52, 0.70219788543051129",
        "0.3,   1,     700,    0.2,    0, 0,     2,     52, 0.58227572572877876",
    })
    void stays_exact_when_a_and_b_are_large(double r, double alpha, double a, double b, int x, double tx, double age,
                                            double horizon, double reference) {
        assertThat(new BgNbdModel(r, alpha, a, b).expectedPurchases(x, tx, age, horizon))
                .isCloseTo(reference, withinPercentage(1e-7));
    }

    @Test
    void is_exact_at_a_equal_to_one_where_equation_10_reads_zero_over_zero() {
        double atOne = new BgNbdModel(0.243, 4.414, 1, 2.426).expectedPurchases(2, 30.43, 38.86, 39);
        assertThat(atOne).isCloseTo(1.1021367860399558, withinPercentage(PRECISE)); // mpmath at a = 1 + 1e-30
        for (double a : List.of(1 - 1e-12, 1 + 1e-12, 1 - 1e-7, 1 + 1e-7)) {
            assertThat(new BgNbdModel(0.243, 4.414, a, 2.426).expectedPurchases(2, 30.43, 38.86, 39))
                    .isCloseTo(atOne, withinPercentage(1e-4));
        }
    }

    @Test
    void expects_nothing_over_no_time_and_refuses_a_negative_horizon() {
        assertThat(PUBLISHED.expectedPurchases(3, 10, 20, 0)).isZero();
        assertRefused(() -> PUBLISHED.expectedPurchases(3, 10, 20, -1), "horizon");
        assertRefused(() -> PUBLISHED.expectedPurchases(3, 10, 20, Double.POSITIVE_INFINITY), "horizon");
    }

    @Test
    void probability_alive_matches_reference_values() {
        assertThat(PUBLISHED.probabilityAlive(2, 30.43, 38.86)).isCloseTo(0.72657857008067291, withinPercentage(PRECISE));
        // seven purchases that stopped 27 weeks ago: very likely gone
        assertThat(PUBLISHED.probabilityAlive(7, 12.0, 38.86)).isCloseTo(0.0093940925566015536, withinPercentage(PRECISE));
        // the model lets customers drop out only right after a repeat purchase
        assertThat(PUBLISHED.probabilityAlive(CustomerSummary.of(0, 0, 38.86))).isEqualTo(1.0);
    }

    /** mpmath (log-gamma at 40 digits) of the individual likelihood. */
    @ParameterizedTest
    @CsvSource({
        "2,  30.43, 38.86, -9.4586063070662712",
        "0,  0,     38.86, -0.55471327643815845",
        "14, 35.7,  38.0,  -32.582107077329578",
    })
    void log_likelihood_matches_reference_values(int x, double tx, double age, double reference) {
        assertThat(PUBLISHED.logLikelihood(CustomerSummary.of(x, tx, age)))
                .isCloseTo(reference, withinPercentage(PRECISE));
    }

    @Test
    void the_cdnow_sample_has_the_published_log_likelihood_at_the_published_parameters() {
        List<CustomerSummary> sample = Cdnow.sampleSummaries();
        double sum = sample.stream().mapToDouble(PUBLISHED::logLikelihood).sum();
        assertThat(sum).isCloseTo(-9582.4, offset(0.05));
        // the fitter's folded evaluation is the same sum
        assertThat(new BgNbdLikelihood(sample).at(PUBLISHED)).isCloseTo(sum, offset(1e-8));
    }

    @Test
    void parameters_must_be_positive_and_finite() {
        assertRefused(() -> new BgNbdModel(0, 1, 1, 1), "r");
        assertRefused(() -> new BgNbdModel(1, Double.NaN, 1, 1), "alpha");
        assertRefused(() -> new BgNbdModel(1, 1, -1, 1), "a");
        assertRefused(() -> new BgNbdModel(1, 1, 1, Double.POSITIVE_INFINITY), "b");
    }

    /**
     * Eq. 10 summed as written, with the plain ₂F₁ series, agrees with the transformed sum wherever the plain one
     * is well conditioned: a away from 1 and z ≤ 0.6.
     */
    @Property(tries = 500)
    void agrees_with_equation_10_summed_as_written(
            @ForAll @DoubleRange(min = 0.05, max = 5) double r,
            @ForAll @DoubleRange(min = 0.5, max = 50) double alpha,
            @ForAll @DoubleRange(min = 0.1, max = 3) double a,
            @ForAll @DoubleRange(min = 0.1, max = 10) double b,
            @ForAll @IntRange(min = 0, max = 20) int x,
            @ForAll @DoubleRange(min = 0, max = 100) double age,
            @ForAll @DoubleRange(min = 0, max = 1) double recencyShare,
            @ForAll @DoubleRange(min = 0.01, max = 1.5) double horizonShare) {
        Assume.that(Math.abs(a - 1) > 0.1 && a + b + x - 1 > 0.2);
        double tx = x == 0 ? 0 : recencyShare * age;
        double horizon = horizonShare * (alpha + age); // z = horizon / (alpha + age + horizon) ≤ 0.6
        BgNbdModel model = new BgNbdModel(r, alpha, a, b);

        double z = horizon / (alpha + age + horizon);
        double bracket = 1 - Math.pow((alpha + age) / (alpha + age + horizon), r + x)
                * plainSeries(r + x, b + x, a + b + x - 1, z);
        double denominator = 1 + (x > 0 ? a / (b + x - 1) * Math.pow((alpha + age) / (alpha + tx), r + x) : 0);
        double asWritten = (a + b + x - 1) / (a - 1) * bracket / denominator;

        assertThat(model.expectedPurchases(x, tx, age, horizon)).isCloseTo(asWritten, withinPercentage(1e-6));
    }

    @Property(tries = 200)
    void more_time_brings_more_expected_purchases_and_never_fewer_than_none(
            @ForAll @IntRange(min = 0, max = 30) int x,
            @ForAll @DoubleRange(min = 0, max = 1) double recencyShare,
            @ForAll @DoubleRange(min = 0, max = 200) double age,
            @ForAll @DoubleRange(min = 0, max = 300) double horizon) {
        double tx = x == 0 ? 0 : recencyShare * age;
        double shorter = PUBLISHED.expectedPurchases(x, tx, age, horizon);
        double longer = PUBLISHED.expectedPurchases(x, tx, age, horizon + 1);
        assertThat(shorter).isGreaterThanOrEqualTo(0);
        assertThat(longer).isGreaterThan(shorter);
        assertThat(PUBLISHED.probabilityAlive(x, tx, age)).isBetween(0.0, 1.0);
    }

    /** ₂F₁(a, b; c; z) = Σ (a)ₙ (b)ₙ zⁿ / ((c)ₙ n!), summed to the last bit. */
    static double plainSeries(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        for (int n = 0; n < 100_000; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            double next = sum + term;
            if (next == sum && Math.abs(term) < 1e-300 + Math.abs(sum) * 1e-17) {
                return next;
            }
            sum = next;
        }
        throw new AssertionError("plain 2F1 series did not converge");
    }
}
