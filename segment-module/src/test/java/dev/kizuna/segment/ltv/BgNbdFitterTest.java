package dev.kizuna.segment.ltv;

import dev.kizuna.core.errors.InvalidInput;
import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

class BgNbdFitterTest {

    /** Fader, Hardie and Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4. */
    @Test
    void reproduces_the_published_cdnow_estimates() {
        BgNbdFit fit = BgNbdFitter.fit(Cdnow.sampleSummaries());

        assertThat(fit.customers()).isEqualTo(2357);
        assertThat(fit.model().r()).isCloseTo(0.243, offset(0.0005));
        assertThat(fit.model().alpha()).isCloseTo(4.414, offset(0.0005));
        assertThat(fit.model().a()).isCloseTo(0.793, offset(0.0005));
        assertThat(fit.model().b()).isCloseTo(2.426, offset(0.0005));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, offset(0.05));
        assertThat(fit.iterations()).isPositive();
    }

    @Test
    void the_fit_is_a_maximum_of_the_likelihood() {
        List<CustomerSummary> sample = Cdnow.sampleSummaries();
        BgNbdFit fit = BgNbdFitter.fit(sample);
        BgNbdModel m = fit.model();
        BgNbdLikelihood likelihood = new BgNbdLikelihood(sample);
        assertThat(fit.logLikelihood()).isCloseTo(likelihood.at(m), offset(1e-9));
        for (double step : new double[] {0.999, 1.001}) {
            assertThat(likelihood.at(new BgNbdModel(m.r() * step, m.alpha(), m.a(), m.b()))).isLessThan(fit.logLikelihood());
            assertThat(likelihood.at(new BgNbdModel(m.r(), m.alpha() * step, m.a(), m.b()))).isLessThan(fit.logLikelihood());
            assertThat(likelihood.at(new BgNbdModel(m.r(), m.alpha(), m.a() * step, m.b()))).isLessThan(fit.logLikelihood());
            assertThat(likelihood.at(new BgNbdModel(m.r(), m.alpha(), m.a(), m.b() * step))).isLessThan(fit.logLikelihood());
        }
    }

    /** Nothing is tuned to weeks: the same customers timed in days give the same model with α seven times larger. */
    @Test
    void converges_on_any_time_scale() {
        BgNbdModel weeks = BgNbdFitter.fit(Cdnow.sampleSummaries()).model();
        List<CustomerSummary> inDays = Cdnow.sampleSummaries().stream()
                .map(c -> CustomerSummary.of(c.frequency(), c.recency() * 7, c.age() * 7))
                .toList();
        BgNbdModel days = BgNbdFitter.fit(inDays).model();

        assertThat(days.r()).isCloseTo(weeks.r(), withinPercentage(0.01));
        assertThat(days.alpha()).isCloseTo(weeks.alpha() * 7, withinPercentage(0.01));
        assertThat(days.a()).isCloseTo(weeks.a(), withinPercentage(0.01));
        assertThat(days.b()).isCloseTo(weeks.b(), withinPercentage(0.01));
    }

    /** Customers drawn from the model itself: the fit finds the parameters they were drawn with. */
    @Test
    void recovers_the_parameters_of_simulated_customers() {
        BgNbdModel truth = new BgNbdModel(0.5, 6, 0.6, 3);
        List<CustomerSummary> customers = simulate(truth, 20_000, 52, new RandomDataGenerator(20050101L));

        BgNbdModel fitted = BgNbdFitter.fit(customers).model();

        assertThat(fitted.r()).isCloseTo(truth.r(), withinPercentage(10));
        assertThat(fitted.alpha()).isCloseTo(truth.alpha(), withinPercentage(10));
        assertThat(fitted.a()).isCloseTo(truth.a(), withinPercentage(15));
        assertThat(fitted.b()).isCloseTo(truth.b(), withinPercentage(20));
    }

    @Test
    void refuses_a_base_without_customers_or_without_repeat_purchases() {
        assertThatThrownBy(() -> BgNbdFitter.fit(List.of()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("customers"));
        assertThatThrownBy(() -> BgNbdFitter.fit(List.of(CustomerSummary.of(0, 0, 10), CustomerSummary.of(0, 0, 5))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("customers"))
                .hasMessageContaining("repeat purchase");
    }

    /**
     * The BG/NBD story: each customer buys at rate λ ~ Gamma(r, α) and drops out after each purchase with
     * probability p ~ Beta(a, b); watched from a first purchase at a uniform time in the first half of the period.
     */
    static List<CustomerSummary> simulate(BgNbdModel model, int count, double periodWeeks, RandomDataGenerator random) {
        List<CustomerSummary> customers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double lambda = random.nextGamma(model.r(), 1 / model.alpha());
            double p = random.nextBeta(model.a(), model.b());
            double age = periodWeeks * (0.5 + 0.5 * random.nextDouble());
            int x = 0;
            double last = 0;
            double t = random.nextExponential(1 / lambda);
            while (t <= age) {
                x++;
                last = t;
                if (random.nextDouble() < p) {
                    break;
                }
                t += random.nextExponential(1 / lambda);
            }
            customers.add(CustomerSummary.of(x, last, age));
        }
        return customers;
    }
}
