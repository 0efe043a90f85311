package dev.kizuna.core.ports;

import dev.kizuna.core.text.LocalizedText;

import java.util.List;

/**
 * The coupon campaigns a feature may issue personal codes from, for its pickers (a broadcast's coupon, chosen from a
 * list rather than typed as an id). The coupons feature provides it; without it there is nothing to pick.
 */
public interface CouponCampaignDirectory {

    /** A campaign's id and its name in the shop's languages. */
    record Campaign(long id, LocalizedText name) {
    }

    /** The campaigns that can issue codes now (not ended, not the birthday coupon), newest first. */
    List<Campaign> issuable();
}
