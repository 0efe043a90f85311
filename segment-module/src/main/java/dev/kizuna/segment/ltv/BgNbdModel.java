package dev.kizuna.segment.ltv;

import dev.kizuna.core.errors.InvalidInput;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): while
 * alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α), and after each purchase drops out with
 * probability p ~ Beta(a, b). Times are in weeks.
 */
public record BgNbdModel(double r, double alpha, double a, double b) {

    /**
     * Past e^±600 the factors of the Euler form of eq. 10, (1−z)^ε and a ₂F₁ about (1−z)^−ε in size, leave the
     * double's range. This happens when a fit runs off to a large a (and b): drop-out probabilities all close to
     * a/(a+b), which maximises the likelihood of some customer bases.
     */
    private static final double EULER_EXPONENT_LIMIT = 600;
    /** Gauss-Legendre nodes and weights on [−1, 1] for the narrow-Beta integral. */
    private static final GaussIntegrator LEGENDRE = new GaussIntegratorFactory().legendre(48);
    /** The narrow Beta's range is first its mean ± this many standard deviations, widened as needed. */
    private static final double SPREAD = 12;
    /** Where the density is below e^−40 of its value at the mean it adds nothing a double can hold. */
    private static final double NEGLIGIBLE_LOG_DENSITY = 40;

    public BgNbdModel {
        requirePositive("r", r);
        requirePositive("alpha", alpha);
        requirePositive("a", a);
        requirePositive("b", b);
    }

    static void requirePositive(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidInput(field, "ltv.positive-finite", String.valueOf(value));
        }
    }

    /** Log of the likelihood of one customer's summary under the model (the paper's individual-level likelihood). */
    public double logLikelihood(CustomerSummary customer) {
        return logLikelihood(customer.frequency(), customer.recency(), customer.age());
    }

    public double logLikelihood(int x, double tx, double age) {
        return frequencyTerm(x) + timingTerm(x, tx, age);
    }

    /**
     * The part of the log-likelihood that depends on x alone,
     * ln[Γ(r+x) α^r / Γ(r)] + ln[B(a, b+x) / B(a, b)]: the fitter computes it once per distinct frequency.
     */
    double frequencyTerm(int x) {
        return Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha)
                + Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
    }

    /**
     * ln[(α+T)^−(r+x) + [x&gt;0] a/(b+x−1) (α+t<sub>x</sub>)^−(r+x)], summed in logs because both powers underflow
     * for frequent buyers.
     */
    double timingTerm(int x, double tx, double age) {
        double stillAlive = -(r + x) * Math.log(alpha + age);
        if (x == 0) {
            return stillAlive;
        }
        double goneAfterLast = Math.log(a / (b + x - 1)) - (r + x) * Math.log(alpha + tx);
        double max = Math.max(stillAlive, goneAfterLast);
        return max + Math.log(Math.exp(stillAlive - max) + Math.exp(goneAfterLast - max));
    }

    /**
     * Probability that a customer with this history has not dropped out by the end of the calibration period
     * (Fader, Hardie and Lee, "Computing P(alive) using the BG/NBD model"). Like the other methods taking figures
     * rather than a {@link CustomerSummary}, it trusts them to form a valid summary: it sits on the scoring path.
     */
    public double probabilityAlive(int x, double tx, double age) {
        return 1 / oddsFactor(x, tx, age);
    }

    public double probabilityAlive(CustomerSummary customer) {
        return probabilityAlive(customer.frequency(), customer.recency(), customer.age());
    }

    /**
     * Expected number of purchases in the next {@code horizon} weeks of a customer with x repeat purchases, the last
     * at t<sub>x</sub>, observed for T weeks (paper, eq. 10).
     */
    public double expectedPurchases(CustomerSummary customer, double horizon) {
        return expectedPurchases(customer.frequency(), customer.recency(), customer.age(), horizon);
    }

    /**
     * Eq. 10 reads (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)] / (1 + …) with
     * z = t/(α+T+t). Summed as written it is 0/0 at a = 1 and cancels badly for frequent buyers. Euler's
     * transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) turns the bracket into
     * 1 − (1−z)^ε ₂F₁(c−r−x, ε; c; z) with ε = a−1 and c = a+b+x−1, whose second parameter is ε itself. Dividing
     * by ε term by term leaves
     * c·(1 − (1−z)^ε)/ε − (1−z)^ε · c(₂F₁ − 1)/ε, both finite at ε = 0, and a series whose terms shrink
     * like n^(a−2−r−x) zⁿ instead of growing like n^(r+x−a) zⁿ.
     */
    public double expectedPurchases(int x, double tx, double age, double horizon) {
        if (!(horizon >= 0) || !Double.isFinite(horizon)) {
            throw new InvalidInput("horizon", "ltv.horizon", String.valueOf(horizon));
        }
        double epsilon = a - 1;
        double c = a + b + x - 1;
        double logOneMinusZ = -Math.log1p(horizon / (alpha + age));
        if (epsilon * -logOneMinusZ > EULER_EXPONENT_LIMIT) {
            return expectedWhileAliveNarrowBeta(x, age, horizon) / oddsFactor(x, tx, age);
        }
        double z = horizon / (alpha + age + horizon);
        double oneMinusZToEpsilon = Math.exp(epsilon * logOneMinusZ);
        double firstPart = epsilon == 0 ? -logOneMinusZ : -Math.expm1(epsilon * logOneMinusZ) / epsilon;
        double bracketOverEpsilon = c * firstPart
                - oneMinusZToEpsilon * GaussHypergeometric.scaledExcess(c - r - x, epsilon, c, z);
        return bracketOverEpsilon / oddsFactor(x, tx, age);
    }

    /**
     * Eq. 10 times the odds factor, as the integral it sums: given that the customer is alive at T, λ ~ Gamma(r+x, α+T)
     * and p ~ Beta(a, b+x) independently, and a customer with λ and p makes (1 − e^(−λpt))/p purchases in the next t,
     * so the expectation is ∫ (1 − (1 + pt/(α+T))^−(r+x)) / p · Beta(p; a, b+x) dp. Used only past
     * {@link #EULER_EXPONENT_LIMIT}, where a is large (over 600 / ln(1 + t/(α+T))) and the Beta narrow: Gauss-Legendre
     * over the range where the density is above e^−40 of its value at the mean is accurate to about 1e-9. The
     * density is taken relative to its value at the mean and the integral divided by the density's own, so no Beta
     * function of large arguments is needed.
     */
    private double expectedWhileAliveNarrowBeta(int x, double age, double horizon) {
        double k = r + x;
        double s = horizon / (alpha + age);
        double bx = b + x;
        double mean = a / (a + bx);
        double sd = Math.sqrt(a * bx / ((a + bx) * (a + bx) * (a + bx + 1)));
        double atMean = logBetaDensity(mean, bx);
        // a skewed Beta (b+x small against a) has a long tail towards p = 0: widen until the density is negligible
        double lower = mean - SPREAD * sd;
        while (lower > 0 && logBetaDensity(lower, bx) - atMean > -NEGLIGIBLE_LOG_DENSITY) {
            lower = mean - 2 * (mean - lower);
        }
        lower = Math.max(0, lower);
        double upper = mean + SPREAD * sd;
        while (upper < 1 && logBetaDensity(upper, bx) - atMean > -NEGLIGIBLE_LOG_DENSITY) {
            upper = mean + 2 * (upper - mean);
        }
        upper = Math.min(1, upper);
        // A range reaching p = 1 runs over w with 1 − p = w^m instead, where the density's (1−p)^(b+x−1), not smooth
        // (or infinite) at p = 1, becomes w^(m(b+x)−1) dw: constant with m = 1/(b+x) when b+x < 1, else with m = 4
        // a power of at least 3.
        boolean inW = upper == 1;
        double m = bx < 1 ? 1 / bx : 4;
        double from = inW ? 0 : lower;
        double to = inW ? Math.pow(1 - lower, 1 / m) : upper;
        double middle = (from + to) / 2;
        double half = (to - from) / 2;
        double atMeanInW = inW ? (a - 1) * Math.log(mean) + (m * bx - 1) * Math.log1p(-mean) / m : atMean;
        double weighted = 0;
        double total = 0;
        for (int i = 0; i < LEGENDRE.getNumberOfPoints(); i++) {
            double node = middle + half * LEGENDRE.getPoint(i);
            double p = inW ? -Math.expm1(m * Math.log(node)) : node;
            double logDensity = inW ? (a - 1) * Math.log(p) + (m * bx - 1) * Math.log(node) : logBetaDensity(p, bx);
            double density = LEGENDRE.getWeight(i) * Math.exp(logDensity - atMeanInW);
            weighted += density * -Math.expm1(-k * Math.log1p(p * s)) / p;
            total += density;
        }
        return weighted / total;
    }

    /** ln of the Beta(a, b+x) density at p, up to its normalising constant. */
    private double logBetaDensity(double p, double bx) {
        return (a - 1) * Math.log(p) + (bx - 1) * Math.log1p(-p);
    }

    /** 1 + [x&gt;0] a/(b+x−1) ((α+T)/(α+t<sub>x</sub>))^(r+x), the denominator of eq. 10 and of P(alive). */
    private double oddsFactor(int x, double tx, double age) {
        if (x == 0) {
            return 1;
        }
        return 1 + a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + age) / (alpha + tx)));
    }
}
