package dev.kizuna.segment.ltv;

/**
 * A maximum-likelihood Gamma-Gamma fit.
 *
 * @param customers  how many repeat buyers with a positive mean spend it was fitted on
 * @param iterations Nelder-Mead iterations it took, over all restarts
 */
public record GammaGammaFit(GammaGammaModel model, double logLikelihood, int customers, int iterations) {
}
