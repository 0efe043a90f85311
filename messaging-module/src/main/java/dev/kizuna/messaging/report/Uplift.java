package dev.kizuna.messaging.report;

/**
 * The difference a message made, messaged group minus holdout, with its 95 % interval under the normal approximation:
 * for a rate (conversions) the difference of two proportions with the unpooled standard error
 * √(p₁(1−p₁)/n₁ + p₀(1−p₀)/n₀); for an amount per customer (revenue) the difference of two means with Welch's standard
 * error √(s₁²/n₁ + s₀²/n₀). Without both groups (or with fewer than two customers in one, for means) there is no
 * interval.
 */
public record Uplift(double messaged, double holdout, double difference, Double low, Double high) {
    /** The two-sided 95 % quantile of the standard normal distribution. */
    static final double Z95 = 1.959963984540054;

    /** Per-group figures as aggregated in SQL: customers, those who converted, revenue and its sum of squares. */
    public record Group(long customers, long converted, double revenue, double revenueSquares) {
        public static final Group EMPTY = new Group(0, 0, 0, 0);

        double rate() {
            return customers == 0 ? 0 : (double) converted / customers;
        }

        double mean() {
            return customers == 0 ? 0 : revenue / customers;
        }

        /** Sample variance (n − 1) of revenue per customer. */
        double variance() {
            if (customers < 2) {
                return Double.NaN;
            }
            return Math.max(0, (revenueSquares - revenue * revenue / customers) / (customers - 1));
        }
    }

    public static Uplift ofRates(Group messaged, Group holdout) {
        double p1 = messaged.rate();
        double p0 = holdout.rate();
        if (messaged.customers() == 0 || holdout.customers() == 0) {
            return new Uplift(p1, p0, p1 - p0, null, null);
        }
        double se = Math.sqrt(p1 * (1 - p1) / messaged.customers() + p0 * (1 - p0) / holdout.customers());
        return new Uplift(p1, p0, p1 - p0, p1 - p0 - Z95 * se, p1 - p0 + Z95 * se);
    }

    public static Uplift ofMeans(Group messaged, Group holdout) {
        double m1 = messaged.mean();
        double m0 = holdout.mean();
        if (messaged.customers() < 2 || holdout.customers() < 2) {
            return new Uplift(m1, m0, m1 - m0, null, null);
        }
        double se = Math.sqrt(messaged.variance() / messaged.customers() + holdout.variance() / holdout.customers());
        return new Uplift(m1, m0, m1 - m0, m1 - m0 - Z95 * se, m1 - m0 + Z95 * se);
    }

    /** Whether the interval excludes no difference at all. */
    public boolean significant() {
        return low != null && (low > 0 || high < 0);
    }
}
