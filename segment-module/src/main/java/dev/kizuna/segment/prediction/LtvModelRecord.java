package dev.kizuna.segment.prediction;

import java.time.Instant;
import java.util.List;

/**
 * One fitted LTV model as stored: the BG/NBD parameters (r, α, a, b) and log-likelihood, the Gamma-Gamma parameters
 * (p, q, γ) and log-likelihood when there were enough repeat buyers to fit them, what it was fitted on, and the
 * predicted values at the lower edges of deciles 1–9 that its scoring used. Spend figures are minor units.
 */
public record LtvModelRecord(long id, Long runId, Instant asOf, Instant fittedAt, long customers, long repeatCustomers,
                             long population, int horizonWeeks, double r, double alpha, double a, double b,
                             double logLikelihood, Double p, Double q, Double gamma, Double gammaGammaLogLikelihood,
                             double meanSpend, List<Double> decileBounds, long fitMillis, Instant scoredAt) {

    public boolean hasSpendModel() {
        return p != null && q != null && gamma != null;
    }
}
