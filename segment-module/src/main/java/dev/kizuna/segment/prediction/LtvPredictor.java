package dev.kizuna.segment.prediction;

import dev.kizuna.segment.ltv.BgNbdModel;
import dev.kizuna.segment.ltv.GammaGammaModel;

/**
 * One customer's predictions from a fitted model: BG/NBD's expected purchases over the horizon and P(alive), times
 * Gamma-Gamma's expected spend per purchase (undiscounted, as {@link dev.kizuna.segment.ltv.LtvScorer} defines the
 * value). Without a usable spend model (no repeat buyers to fit it on, or q ≤ 1 where new customers' expected
 * spend is infinite) every customer's spend per purchase is the shop's mean spend per purchase day.
 */
final class LtvPredictor {
    private final BgNbdModel purchases;
    private final GammaGammaModel spend;
    private final double meanSpend;
    private final int horizonWeeks;

    /** @param spend null when there is no usable spend model */
    LtvPredictor(BgNbdModel purchases, GammaGammaModel spend, double meanSpend, int horizonWeeks) {
        this.purchases = purchases;
        this.spend = spend != null && usable(spend) ? spend : null;
        this.meanSpend = meanSpend;
        this.horizonWeeks = horizonWeeks;
    }

    static boolean usable(GammaGammaModel spend) {
        return spend.q() > 1;
    }

    boolean usesSpendModel() {
        return spend != null;
    }

    /** The figures of one customer; {@code meanRepeatSpend} is ignored without repeat purchases. */
    record Figures(double expectedPurchases, double pAlive, double expectedSpend, double value) {
    }

    Figures predict(long memberId, int x, double tx, double t, double meanRepeatSpend) {
        double expected = purchases.expectedPurchases(x, tx, t, horizonWeeks);
        double alive = purchases.probabilityAlive(x, tx, t);
        double perPurchase = spendPerPurchase(x, meanRepeatSpend);
        double value = expected * perPurchase;
        if (!Double.isFinite(value) || !Double.isFinite(alive)) {
            throw new IllegalStateException("the model gives member " + memberId + " (x=" + x + ", t_x=" + tx + ", T=" + t
                    + ") no finite prediction: E[purchases]=" + expected + ", P(alive)=" + alive + ", spend=" + perPurchase);
        }
        return new Figures(expected, alive, perPurchase, value);
    }

    /** The spend a purchase of this customer is expected to bring; {@code meanRepeatSpend} unused when x = 0. */
    double spendPerPurchase(int x, double meanRepeatSpend) {
        return spend == null ? meanSpend : spend.expectedAverageSpend(x, x > 0 ? meanRepeatSpend : 0);
    }

    double value(long memberId, int x, double tx, double t, double meanRepeatSpend) {
        return predict(memberId, x, tx, t, meanRepeatSpend).value();
    }
}
