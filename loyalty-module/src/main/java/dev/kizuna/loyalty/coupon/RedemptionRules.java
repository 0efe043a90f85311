package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.spi.Cart;

import java.time.Instant;

/**
 * Whether a campaign's terms apply to a cart, and what they give; otherwise the precise reason. Plain rules: the
 * caller has looked up the code, the shopper and the usage so far (under row locks when reserving).
 */
public final class RedemptionRules {

    private RedemptionRules() {
    }

    /**
     * How often the campaign and code have been redeemed (committed, or reserved and not expired).
     *
     * @param codeUsed whether the single-use personal code being redeemed is taken
     */
    public record Usage(long total, long byCustomer, boolean codeUsed) {
        public static final Usage NONE = new Usage(0, 0, false);
    }

    /** What the coupon gives on this cart. */
    public record Applied(long discount, boolean freeShipping, long bonusPoints, boolean stackableWithPoints) {
    }

    /**
     * @param terms     the version's terms (discount, window, eligibility, minimum)
     * @param codeFrom  a personal code's own window start (null: the campaign's)
     * @param codeTo    a personal code's own window end, exclusive (null: the campaign's)
     * @param limits    the campaign's current limits: raising a limit applies to every order at once
     */
    public static Applied apply(CampaignTerms terms, Instant codeFrom, Instant codeTo, CampaignTerms limits, Cart cart,
                                Instant now, Eligibility.Shopper shopper, Usage usage) {
        if (usage.codeUsed()) {
            throw new Conflict(Refusals.ALREADY_USED, "this code has already been used");
        }
        Instant from = later(terms.validFrom(), codeFrom);
        Instant to = earlier(terms.validTo(), codeTo);
        if (from != null && now.isBefore(from)) {
            throw new Conflict(Refusals.COUPON_NOT_STARTED, "this coupon is valid from " + from);
        }
        if (to != null && !now.isBefore(to)) {
            throw new Conflict(Refusals.COUPON_EXPIRED, "this coupon expired at " + to);
        }
        if (!terms.currency().equals(cart.currency())) {
            throw new Conflict(Refusals.NOT_ELIGIBLE, "this coupon applies to " + terms.currency() + " orders only");
        }
        if (!terms.eligibility().admits(shopper)) {
            throw new Conflict(Refusals.NOT_ELIGIBLE, switch (terms.eligibility().type()) {
                case RANKS -> "this coupon is for members of the ranks " + String.join(", ", terms.eligibility().ranks());
                case SEGMENT -> "this coupon is for selected customers";
                case FIRST_ORDER -> "this coupon is for a first order only";
                case ALL -> "not eligible";
            });
        }
        long eligible = terms.eligibleAmount(cart);
        if (terms.restrictedToItems() && eligible == 0) {
            throw new Conflict(Refusals.NOT_ELIGIBLE, "no item in the cart is eligible for this coupon");
        }
        if (cart.merchandiseTotal() < terms.minimumOrder()) {
            throw new Conflict(Refusals.MINIMUM_NOT_MET, "this coupon needs an order of at least "
                    + terms.minimumOrder() + " " + terms.currency() + "; the cart has " + cart.merchandiseTotal());
        }
        if (limits.perCustomerLimit() != null && usage.byCustomer() >= limits.perCustomerLimit()) {
            throw new Conflict(Refusals.ALREADY_USED, "this coupon may be used " + limits.perCustomerLimit()
                    + " time(s) per customer and has been used up");
        }
        if (limits.totalLimit() != null && usage.total() >= limits.totalLimit()) {
            throw new Conflict(Refusals.LIMIT_REACHED, "this coupon has reached its limit of " + limits.totalLimit() + " uses");
        }
        Discount d = terms.discount();
        return new Applied(d.amountOff(eligible), d.freeShipping(), d.bonusPoints(), terms.stackableWithPoints());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
