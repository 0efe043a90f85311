package dev.kizuna.loyalty.rank;

/**
 * The figures a rank requires, all of them (a null threshold is not a criterion). The base rank has none; every
 * other rank has at least one.
 *
 * @param minPoints points earned in the window, at least
 * @param minOrders earning orders in the window, at least
 * @param minSpend  spend in the window (minor units of the shop currency), at least
 */
public record Thresholds(Long minPoints, Long minOrders, Long minSpend) {
    public static final Thresholds NONE = new Thresholds(null, null, null);

    public boolean isNone() {
        return minPoints == null && minOrders == null && minSpend == null;
    }

    public boolean metBy(QualifyingFigures f) {
        return (minPoints == null || f.points() >= minPoints)
                && (minOrders == null || f.orders() >= minOrders)
                && (minSpend == null || f.spend() >= minSpend);
    }

    /** How far {@code f} is from these thresholds, criterion by criterion (0 where met, null where not a criterion). */
    public Shortfall shortfall(QualifyingFigures f) {
        return new Shortfall(
                minPoints == null ? null : Math.max(0, minPoints - f.points()),
                minOrders == null ? null : Math.max(0, minOrders - f.orders()),
                minSpend == null ? null : Math.max(0, minSpend - f.spend()));
    }

    /** What is still missing to reach a rank; null fields are not criteria of that rank. */
    public record Shortfall(Long points, Long orders, Long spend) {
        public boolean none() {
            return (points == null || points == 0) && (orders == null || orders == 0) && (spend == null || spend == 0);
        }
    }
}
