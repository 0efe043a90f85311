package dev.kizuna.loyalty.coupon;

import java.time.Instant;

/**
 * One personal coupon of a customer (assigned or birthday) with its campaign's current terms.
 *
 * @param code      for display, with its check character
 * @param name      the campaign's name in the reader's language
 * @param validFrom the later of the campaign's and the code's start; null: open
 * @param validTo   the earlier of the campaign's and the code's end; null: open
 */
public record CustomerCoupon(String code, long campaignId, CampaignKind kind, String name, Discount discount,
                             long minimumOrder, String currency, boolean stackableWithPoints, Instant validFrom,
                             Instant validTo, State state) {

    /** Whether the shopper can use it now; USABLE and NOT_STARTED are the ones a shopper still has. */
    public enum State {
        USABLE, NOT_STARTED, USED, PAUSED, EXPIRED;

        public boolean held() {
            return this == USABLE || this == NOT_STARTED;
        }
    }
}
