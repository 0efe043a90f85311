package dev.kizuna.loyalty.coupon;

/**
 * Where a coupon use stands ({@code coupon_redemption.status}, whose CHECK constraint lists exactly these names;
 * {@code CouponStatusesTest} holds the two together). Only a reservation still in its hold or a committed use counts
 * against a campaign's or a code's limits.
 */
enum RedemptionStatus {
    /** Quoted into a checkout and held until it expires. */
    RESERVED,
    /** Paid with the order. */
    COMMITTED,
    /** Given back: the checkout or the order was cancelled; a single-use code becomes usable again. */
    RELEASED
}
