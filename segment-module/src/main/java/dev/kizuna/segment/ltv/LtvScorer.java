package dev.kizuna.segment.ltv;

import dev.kizuna.core.errors.InvalidInput;

import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/**
 * Predicted customer value over a horizon: the purchases BG/NBD expects from the customer in the next
 * {@code horizon} weeks times the spend per purchase Gamma-Gamma expects of them. Undiscounted, in the currency of
 * the spend data.
 *
 * <p>Scoring keeps nothing per customer and allocates nothing beyond the caller's own summaries, so a customer base
 * of any size streams through in constant memory.
 */
public final class LtvScorer {
    private final BgNbdModel purchases;
    private final GammaGammaModel spend;
    private final double horizon;

    /**
     * @param horizon weeks ahead to predict
     * @throws InvalidInput if the horizon is not a finite number ≥ 0, or q ≤ 1 (customers without repeat purchases
     *                      would then have an infinite expected spend)
     */
    public LtvScorer(BgNbdModel purchases, GammaGammaModel spend, double horizon) {
        if (!(horizon >= 0) || !Double.isFinite(horizon)) {
            throw new InvalidInput("horizon", "ltv.horizon", String.valueOf(horizon));
        }
        if (!(spend.q() > 1)) {
            throw new InvalidInput("q", "ltv.q-above-one", String.valueOf(spend.q()));
        }
        this.purchases = purchases;
        this.spend = spend;
        this.horizon = horizon;
    }

    public double horizon() {
        return horizon;
    }

    /**
     * @param monetary mean spend of the repeat purchases; not used when x = 0
     * @throws InvalidInput if x ≥ 1 and the spend is not a number
     */
    public double predictedValue(int x, double tx, double age, double monetary) {
        if (x > 0 && Double.isNaN(monetary)) {
            throw new InvalidInput("monetary", "ltv.monetary-needed");
        }
        return purchases.expectedPurchases(x, tx, age, horizon) * spend.expectedAverageSpend(x, monetary);
    }

    /** @throws InvalidInput if the customer has repeat purchases but no known spend */
    public double predictedValue(CustomerSummary customer) {
        return predictedValue(customer.frequency(), customer.recency(), customer.age(),
                customer.monetary().orElse(Double.NaN));
    }

    /** The predicted values of the customers, in their order, computed as the stream is consumed. */
    public DoubleStream predictedValues(Stream<CustomerSummary> customers) {
        return customers.mapToDouble(this::predictedValue);
    }
}
