package dev.kizuna.loyalty.points;

import dev.kizuna.loyalty.points.PointsQueries.Balance;

/**
 * Manual corrections of a member's points by support staff, provided through {@code ctx.ports()} by the points
 * module: a reason is required, a deduction may not exceed the available points, and every adjustment is audited.
 * The reason stays with the staff (ledger and audit log); an optional note is what the shopper's history says.
 */
public interface PointsAdjustments {

    /** At most this many characters of a note to the shopper. */
    int MAX_NOTE = 200;

    /**
     * A non-zero whole number of points (negative deducts), why (staff only) and, optionally, what the shopper reads
     * beside it (without one their history says "points adjustment").
     */
    record Adjustment(Long points, String reason, String note) {
        public Adjustment(Long points, String reason) {
            this(points, reason, null);
        }
    }

    /**
     * Credits or deducts the points and returns the new balance. Refuses a missing or zero amount ({@code points}),
     * a missing reason ({@code reason}), a note longer than {@link #MAX_NOTE} ({@code note}), an unknown customer (NotFound) and a deduction beyond the available points
     * (Conflict {@code INSUFFICIENT_POINTS}); nothing is written then.
     */
    Balance adjust(String customerRef, Adjustment adjustment, String actor);
}
