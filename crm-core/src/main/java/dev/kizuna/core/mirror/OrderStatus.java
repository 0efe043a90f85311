package dev.kizuna.core.mirror;

/**
 * Where a host order stands in the mirror: {@code order_summary.status} holds its {@link #name()}, and the column's
 * CHECK constraint lists exactly these names ({@code OrderStatusTest} holds the two together).
 */
public enum OrderStatus {
    /** Submitted and paid, not yet delivered. */
    SUBMITTED,
    /** Delivered to the customer. */
    DELIVERED,
    /** Cancelled by the host; it brought no money. */
    CANCELLED,
    /** Every line returned. */
    RETURNED,
    /** Some lines, or part of a line, returned; the rest was kept. */
    PARTIALLY_RETURNED
}
