package dev.kizuna.segment.ltv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

class GaussHypergeometricTest {
    /** 1e-9 %: a relative 1e-11; the closed forms themselves lose digits to cancellation near z = 0. */
    static final double PRECISE = 1e-9;

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 0.3, 0.5, 0.9, 0.99, 0.9999})
    void matches_the_logarithm_closed_form(double z) {
        // ₂F₁(1, 1; 2; z) = −ln(1−z)/z
        double expected = 2 * (-Math.log1p(-z) / z - 1);
        assertThat(GaussHypergeometric.scaledExcess(1, 1, 2, z)).isCloseTo(expected, withinPercentage(PRECISE));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.4, 0.8, 0.97})
    void matches_the_binomial_closed_form(double z) {
        // ₂F₁(a, b; b; z) = (1−z)^−a, and with c = b the scaling is 1
        assertThat(GaussHypergeometric.scaledExcess(2.7, 0.35, 0.35, z))
                .isCloseTo(Math.pow(1 - z, -2.7) - 1, withinPercentage(PRECISE));
    }

    @Test
    void stays_finite_and_right_where_b_and_c_vanish() {
        // c(₂F₁(a, b; c; z) − 1)/b → c Σ (a)ₙ zⁿ / ((c)ₙ n) as b → 0, and with a = c that is −c ln(1−z)
        double z = 0.6;
        assertThat(GaussHypergeometric.scaledExcess(1.7, 0, 1.7, z))
                .isCloseTo(-1.7 * Math.log1p(-z), withinPercentage(PRECISE));
        // at c = 0 term n is (1)ₙ (2)ₙ₋₁ zⁿ / ((1)ₙ₋₁ n!) = n zⁿ for a = b = 1, summing to z/(1−z)²
        assertThat(GaussHypergeometric.scaledExcess(1, 1, 0, z))
                .isCloseTo(z / ((1 - z) * (1 - z)), withinPercentage(PRECISE));
    }

    /** Reference values from mpmath.hyp2f1 at 50 digits. */
    @Test
    void matches_reference_values() {
        assertThat(1 + 1.5 * GaussHypergeometric.scaledExcess(0.5, 1.5, 2.25, 0.8) / 2.25)
                .isCloseTo(1.5796726521989397, withinPercentage(PRECISE));
        assertThat(1 + 0.7 * GaussHypergeometric.scaledExcess(3.2, 0.7, 1.9, 0.95) / 1.9)
                .isCloseTo(132.38392471115619, withinPercentage(PRECISE));
    }

    @Test
    void a_terminating_series_is_a_polynomial() {
        // ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
        double b = 1.5;
        double c = 2.5;
        double z = 0.7;
        double expected = c * (-2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1))) / b;
        assertThat(GaussHypergeometric.scaledExcess(-2, b, c, z)).isCloseTo(expected, withinPercentage(PRECISE));
    }

    @Test
    void refuses_arguments_outside_the_unit_interval_or_too_close_to_one() {
        assertThatThrownBy(() -> GaussHypergeometric.scaledExcess(1, 1, 2, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> GaussHypergeometric.scaledExcess(1, 1, 2, -0.1))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> GaussHypergeometric.scaledExcess(1, 1, 2, 1 - 1e-9))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("did not converge");
    }
}
