package dev.kizuna.segment.ltv;

import dev.kizuna.core.errors.InvalidInput;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of spend per purchase (Fader and Hardie 2013, "The Gamma-Gamma Model of Monetary Value"):
 * a customer's purchase amounts are Gamma(p, ν) and the customers' ν are Gamma(q, γ), independent of how often
 * they buy. The input per customer is the mean z̄ of x repeat purchases.
 */
public record GammaGammaModel(double p, double q, double gamma) {

    public GammaGammaModel {
        BgNbdModel.requirePositive("p", p);
        BgNbdModel.requirePositive("q", q);
        BgNbdModel.requirePositive("gamma", gamma);
    }

    /**
     * Expected spend per purchase of a customer whose x repeat purchases averaged z̄:
     * p(γ + x z̄) / (px + q − 1), a weighted mean of the population mean pγ/(q−1) and the customer's own z̄, leaning
     * to z̄ the more purchases back it. With x = 0 it is the population mean and z̄ is not used.
     *
     * @throws ArithmeticException if px + q ≤ 1, where the expectation is infinite
     */
    public double expectedAverageSpend(int x, double monetary) {
        double denominator = p * x + q - 1;
        if (!(denominator > 0)) {
            throw new ArithmeticException("expected spend is infinite for x=" + x + " with q=" + q + " and p=" + p);
        }
        return x == 0 ? p * gamma / denominator : p * (gamma + x * monetary) / denominator;
    }

    /** Log of the likelihood of a mean spend z̄ &gt; 0 over x ≥ 1 repeat purchases. */
    public double logLikelihood(int x, double monetary) {
        return frequencyTerm(x) + spendTerm(x, monetary);
    }

    /** ln[Γ(px+q) / (Γ(px) Γ(q))] + q ln γ + px ln x: the part of the log-likelihood that depends on x alone. */
    double frequencyTerm(int x) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
                + px * Math.log(x);
    }

    /** (px−1) ln z̄ − (px+q) ln(γ + x z̄). */
    double spendTerm(int x, double monetary) {
        double px = p * x;
        return (px - 1) * Math.log(monetary) - (px + q) * Math.log(gamma + x * monetary);
    }
}
