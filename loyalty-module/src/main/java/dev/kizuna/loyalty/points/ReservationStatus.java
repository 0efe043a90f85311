package dev.kizuna.loyalty.points;

/**
 * Where points held for a checkout stand ({@code points_reservation.status}, whose CHECK constraint lists exactly
 * these names; {@code PointsStatusesTest} holds the two together).
 */
enum ReservationStatus {
    /** Held for the order, not yet spent. */
    RESERVED,
    /** Spent on the order's payment. */
    COMMITTED,
    /** Given back: the checkout was cancelled or lapsed, or the order was cancelled after payment. */
    RELEASED
}
