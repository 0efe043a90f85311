package dev.kizuna.segment.ltv;

/**
 * The Gaussian hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1, summed as its power series, in the scaled
 * form the BG/NBD expectation needs.
 */
final class GaussHypergeometric {
    /** Relative size of the neglected tail at which the sum stops: below the double's resolution. */
    private static final double TOLERANCE = 1e-16;
    /**
     * The series converges like zⁿ; this many terms would only be needed within about 1e-5 of z = 1 (a horizon some
     * 100,000 times the customer's age). Past it the argument is refused instead of summed for seconds.
     */
    static final int MAX_TERMS = 5_000_000;

    private GaussHypergeometric() {
    }

    /**
     * c · (₂F₁(a, b; c; z) − 1) / b, finite and exact also as b → 0 or c → 0, where the plain function divided by b
     * (or multiplied by c) would be 0/0. Term n of the sum is (a)ₙ (b+1)ₙ₋₁ zⁿ / ((c+1)ₙ₋₁ n!).
     *
     * @throws ArithmeticException if the series does not settle within {@link #MAX_TERMS} terms or overflows
     */
    static double scaledExcess(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new ArithmeticException("2F1 series needs 0 ≤ z < 1, was " + z);
        }
        double term = a * z;
        double sum = 0;
        for (int n = 1; n <= MAX_TERMS; n++) {
            sum += term;
            if (term == 0) {
                return sum; // a is a non-positive integer (polynomial) or z = 0
            }
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            // Once the ratio of successive terms stays below q < 1 the tail is at most term·q/(1−q); the ratio tends
            // to z, from either side, so q = max(|ratio|, z) bounds it from here on.
            double q = Math.max(Math.abs(ratio), z);
            if (q < 1 && Math.abs(term) * q <= TOLERANCE * (1 - q) * Math.abs(sum)) {
                return sum;
            }
            term *= ratio;
            if (!Double.isFinite(term)) {
                throw new ArithmeticException("2F1 series overflows at a=" + a + " b=" + b + " c=" + c + " z=" + z);
            }
        }
        throw new ArithmeticException("2F1 series did not converge in " + MAX_TERMS + " terms at a=" + a + " b=" + b
                + " c=" + c + " z=" + z);
    }
}
