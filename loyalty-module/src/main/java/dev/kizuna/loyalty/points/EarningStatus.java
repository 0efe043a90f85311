package dev.kizuna.loyalty.points;

/**
 * Where an order's earned points stand ({@code points_order.status}, whose CHECK constraint lists exactly these
 * names; {@code PointsStatusesTest} holds the two together).
 */
enum EarningStatus {
    /** Earned at submission, not yet spendable: the return window is open. */
    PENDING,
    /** The return window closed; what was not reversed became available. */
    CONFIRMED,
    /** The order was cancelled before confirmation; its points were taken back. */
    CANCELLED
}
