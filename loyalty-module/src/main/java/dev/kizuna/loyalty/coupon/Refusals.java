package dev.kizuna.loyalty.coupon;

/** The reason codes a coupon refusal ({@link dev.kizuna.core.errors.Conflict}) carries, stable for the host and shopper UI. */
public final class Refusals {
    /** The code does not pass its check character: a typo, caught before any lookup. */
    public static final String INVALID_CODE = "INVALID_CODE";
    public static final String UNKNOWN_CODE = "UNKNOWN_CODE";
    public static final String COUPON_NOT_STARTED = "COUPON_NOT_STARTED";
    public static final String COUPON_EXPIRED = "COUPON_EXPIRED";
    public static final String COUPON_PAUSED = "COUPON_PAUSED";
    public static final String NOT_ELIGIBLE = "NOT_ELIGIBLE";
    public static final String MINIMUM_NOT_MET = "MINIMUM_NOT_MET";
    /** A single-use code already redeemed, or this shopper's own limit for the campaign used up. */
    public static final String ALREADY_USED = "ALREADY_USED";
    /** The campaign's total number of redemptions is used up. */
    public static final String LIMIT_REACHED = "LIMIT_REACHED";
    /** The campaign's budget (yen of discount or bonus points, in total or today) cannot give this use. */
    public static final String BUDGET_SPENT = "BUDGET_SPENT";
    /** The order already carries another coupon. */
    public static final String ORDER_HAS_COUPON = "ORDER_HAS_COUPON";

    private Refusals() {
    }
}
