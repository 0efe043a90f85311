package dev.kizuna.segment.ltv;

/**
 * A maximum-likelihood BG/NBD fit.
 *
 * @param customers  how many customer summaries it was fitted on
 * @param iterations Nelder-Mead iterations it took, over all restarts
 */
public record BgNbdFit(BgNbdModel model, double logLikelihood, int customers, int iterations) {
}
