package dev.kizuna.loyalty.points;

import dev.kizuna.loyalty.points.PointsQueries.Balance;

/**
 * Manual corrections of a member's points by support staff, provided through {@code ctx.ports()} by the points
 * module: a reason is required, a deduction may not exceed the available points, and every adjustment is audited.
 */
public interface PointsAdjustments {

    /** A non-zero whole number of points (negative deducts) and why. */
    record Adjustment(Long points, String reason) {
    }

    /**
     * Credits or deducts the points and returns the new balance. Refuses a missing or zero amount ({@code points}),
     * a missing reason ({@code reason}), an unknown customer (NotFound) and a deduction beyond the available points
     * (Conflict {@code INSUFFICIENT_POINTS}); nothing is written then.
     */
    Balance adjust(String customerRef, Adjustment adjustment, String actor);
}
