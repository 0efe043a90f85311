package dev.kizuna.core.spi;

/**
 * What the host's checkout calls to let a shopper pay with points (Broadleaf's offer/pricing style): quote, reserve
 * when the order is submitted, commit on payment, release on cancel or a failed payment. Reservations expire.
 * The loyalty module provides it through {@code ModulePorts}.
 */
public interface PointsCheckout {

    /**
     * How many points this cart may use.
     *
     * @param payable the amount the points would pay (merchandise after coupon discounts, minor units)
     */
    record Quote(long available, long minimum, long maximum, long pointValueMinor) {
    }

    Quote quote(String customerId, String currency, long payable);

    /** Holds {@code points} for the order; refuses (Conflict) when they are not available or exceed the quote's maximum. */
    void reserve(String customerId, String orderId, String currency, long payable, long points);

    void commit(String orderId);

    /** Gives reserved (or committed, on a cancel) points back; a no-op for an order without a reservation. */
    void release(String orderId);
}
