package dev.kizuna.loyalty.referral;

import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the console and the shopper's views read of the referral program, and the program's settings. */
public interface ReferralQueries {

    /**
     * One referral: who referred whom, where it stands, the rule that blocked it, if one did, and what each side was
     * given (points, and the campaign of a coupon issued).
     */
    record ReferralView(long id, String referrer, String referred, ReferralState state, BlockRule blockedRule,
                        RewardMoment rewardOn, String orderRef, Instant registeredAt, Instant rewardedAt,
                        long referrerPoints, long referredPoints, Long referrerCampaignId, Long referredCampaignId) {
    }

    /** A member's referrals: shoppers referred, rewarded and still open, and the points and coupons so far. */
    record Tally(long referred, long rewarded, long open, long pointsSoFar, long couponsSoFar) {
    }

    /**
     * The shopper's code, the link to share, and what referring has brought them; the coupon names are those of the
     * program's campaigns for each side (null for a side rewarded with points).
     */
    record MyReferral(String code, String link, long referred, long rewarded, long open, long pointsSoFar,
                      long couponsSoFar, ReferralProgram program, LocalizedText referrerCoupon,
                      LocalizedText referredCoupon) {
    }

    /** A coupon campaign the program may name for a side. */
    record CouponChoice(long id, LocalizedText name) {
    }

    List<ReferralView> newest(int limit);

    ReferralProgram program();

    /** The coupon campaigns that can reward a side now (none without the coupons feature), newest first. */
    List<CouponChoice> couponChoices();

    /** Saves the program; a coupon campaign that cannot issue codes is refused naming its field. */
    ReferralProgram updateProgram(ReferralProgram program, String actor);

    /** The shopper's referral, giving the member a code on first asking; empty for an unknown customer. */
    Optional<MyReferral> mine(String customerRef);
}
