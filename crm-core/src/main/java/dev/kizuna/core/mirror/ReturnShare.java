package dev.kizuna.core.mirror;

/**
 * The share of a line's net amount that a return of some units carries. Computed as the difference of
 * cumulative shares so that returning a line in several parts adds up to exactly the whole line, never a
 * yen more or less through rounding.
 */
public final class ReturnShare {
    private ReturnShare() {
    }

    /**
     * @param lineNet          the line's net amount (after discounts)
     * @param quantity         units bought
     * @param alreadyReturned  units returned before this return
     * @param returningNow     units in this return
     */
    public static long of(long lineNet, int quantity, int alreadyReturned, int returningNow) {
        return cumulative(lineNet, quantity, alreadyReturned + returningNow) - cumulative(lineNet, quantity, alreadyReturned);
    }

    private static long cumulative(long amount, int quantity, int units) {
        return Math.floorDiv(amount * units, quantity);
    }
}
