package dev.kizuna.segment.ltv;

import dev.kizuna.core.errors.InvalidInput;

import java.util.Collection;

/** Fits the BG/NBD model to a customer base by maximum likelihood. */
public final class BgNbdFitter {
    /**
     * Keeps the starting α finite when no customer has been watched for any time yet; it is a starting point only.
     */
    private static final double SMALLEST_START_ALPHA = 1e-3;

    private BgNbdFitter() {
    }

    /**
     * Starts at r = a = b = 1 and α = ΣT / Σx: with r = 1 the customers' mean purchase rate is 1/α, and repeat
     * purchases per week watched is its plain estimate, so α starts on the data's own time scale (weeks or days
     * alike).
     *
     * @throws InvalidInput        if there are no customers, or no repeat purchase at all (the likelihood then
     *                             has no maximum: any purchase rate fits one-off buyers who all dropped out)
     * @throws ArithmeticException if the search does not converge
     */
    public static BgNbdFit fit(Collection<CustomerSummary> customers) {
        if (customers.isEmpty()) {
            throw new InvalidInput("customers", "ltv.no-customers");
        }
        BgNbdLikelihood likelihood = new BgNbdLikelihood(customers);
        if (likelihood.repeatPurchases() == 0) {
            throw new InvalidInput("customers", "ltv.no-repeat-purchase");
        }
        double startAlpha = Math.max(likelihood.totalAge() / likelihood.repeatPurchases(), SMALLEST_START_ALPHA);
        LikelihoodMaximizer.Maximum maximum = LikelihoodMaximizer.maximize(
                p -> likelihood.at(new BgNbdModel(p[0], p[1], p[2], p[3])),
                new double[] {1, startAlpha, 1, 1});
        double[] p = maximum.parameters();
        return new BgNbdFit(new BgNbdModel(p[0], p[1], p[2], p[3]), maximum.logLikelihood(), customers.size(),
                maximum.iterations());
    }
}
