package dev.kizuna.loyalty.budget;

import dev.kizuna.core.errors.InvalidInput;

/**
 * A spending cap on what a campaign or bonus gives: in points, or in yen (points counted at the point value, a
 * coupon's discount as given), over its whole life ({@code total}) and per shop day ({@code perDay}); either may be
 * null (no cap of that kind), not both. A grant that would pass a cap gets what is left of it, and nothing once it is
 * spent. Shared by the points and coupon features, which each keep their own spend.
 */
public record Budget(Unit unit, Long total, Long perDay) {

    public enum Unit { POINTS, YEN }

    /** A budget as the API and the console receive it: the unit by name, checked by {@link #budget()}. */
    public record Request(String unit, Long total, Long perDay) {

        public Budget budget() {
            Unit u;
            try {
                u = unit == null || unit.isBlank() ? null : Unit.valueOf(unit.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("unit", "budget.unit");
            }
            return new Budget(u, total, perDay);
        }
    }

    /** The most one budget may hold, so spend arithmetic never nears a long's range. */
    public static final long MAX = 1_000_000_000_000L;

    public Budget {
        if (unit == null) {
            throw new InvalidInput("unit", "budget.unit");
        }
        if (total == null && perDay == null) {
            throw new InvalidInput("total", "budget.cap-required");
        }
        if (total != null && (total < 1 || total > MAX)) {
            throw new InvalidInput("total", "out-of-range", 1, MAX);
        }
        if (perDay != null && (perDay < 1 || perDay > MAX)) {
            throw new InvalidInput("perDay", "out-of-range", 1, MAX);
        }
    }

    /** What is left, in the budget's unit, after {@code spent} in all and {@code spentToday} on the grant's day. */
    public long left(long spent, long spentToday) {
        long left = Long.MAX_VALUE;
        if (total != null) {
            left = Math.min(left, Math.max(0, total - spent));
        }
        if (perDay != null) {
            left = Math.min(left, Math.max(0, perDay - spentToday));
        }
        return left;
    }

    /**
     * How much of {@code wanted} (in points, each worth {@code pointValue} yen) the budget can still give; a yen
     * budget gives whole points only.
     */
    public long grantablePoints(long wanted, long spent, long spentToday, long pointValue) {
        long left = left(spent, spentToday);
        long points = unit == Unit.POINTS ? left : left / pointValue;
        return Math.max(0, Math.min(wanted, points));
    }

    /** What granting {@code points} spends of the budget, in its unit. */
    public long cost(long points, long pointValue) {
        return unit == Unit.POINTS ? points : Math.multiplyExact(points, pointValue);
    }
}
