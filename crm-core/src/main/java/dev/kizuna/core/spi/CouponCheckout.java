package dev.kizuna.core.spi;

/**
 * What the host's checkout calls for coupon codes: quote (does it apply, and how much), reserve at order
 * submission, commit on payment, release on cancel. Refusals are {@code Conflict}s with a precise reason code
 * ({@code COUPON_EXPIRED}, {@code MINIMUM_NOT_MET}, {@code NOT_ELIGIBLE}, {@code ALREADY_USED}, {@code LIMIT_REACHED} ...),
 * repeated failed attempts {@code TooManyAttempts}. The loyalty module provides it through {@code ModulePorts}.
 */
public interface CouponCheckout {

    /**
     * @param discount        off the merchandise, minor units
     * @param freeShipping    whether shipping becomes free
     * @param bonusPoints     points granted when the order is confirmed
     * @param stackableWithPoints whether points may also be redeemed on this order
     */
    record Quote(String code, long campaignId, int campaignVersion, long discount, boolean freeShipping,
                 long bonusPoints, boolean stackableWithPoints) {
    }

    Quote quote(String customerId, String code, Cart cart, String clientAddress);

    Quote reserve(String customerId, String orderId, String code, Cart cart, String clientAddress);

    void commit(String orderId);

    void release(String orderId);
}
