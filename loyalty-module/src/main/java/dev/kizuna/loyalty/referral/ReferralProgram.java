package dev.kizuna.loyalty.referral;

import dev.kizuna.core.errors.InvalidInput;

/**
 * The merchant's referral program: whether it runs, when a referral is rewarded, what each side receives (points, or
 * a coupon of a campaign valid for {@code couponValidDays}), how many referrals a referrer is rewarded for per shop
 * month, and the return window after delivery that a held reward waits out.
 *
 * @param referrerCampaignId the coupon campaign of the referrer's reward; null unless {@code referrerReward} is COUPON
 * @param referredCampaignId likewise for the referred shopper
 */
public record ReferralProgram(boolean active, RewardMoment rewardOn, long referrerPoints, long referredPoints,
                              int monthlyLimit, int confirmDays, RewardKind referrerReward, Long referrerCampaignId,
                              RewardKind referredReward, Long referredCampaignId, int couponValidDays) {
    public static final long MAX_POINTS = 1_000_000;
    public static final int MAX_MONTHLY = 10_000;
    public static final int MAX_DAYS = 365;
    /** A program saved before coupons could be chosen, or sent without the field, gives its coupons for 30 days. */
    public static final int DEFAULT_COUPON_DAYS = 30;

    /** The program as the API sends it, unchecked; a side without its reward kind is rewarded with points. */
    public record Draft(Boolean active, String rewardOn, Long referrerPoints, Long referredPoints, Integer monthlyLimit,
                        Integer confirmDays, String referrerReward, Long referrerCampaignId, String referredReward,
                        Long referredCampaignId, Integer couponValidDays) {
        public ReferralProgram check() {
            return ReferralProgram.check(active, rewardOn, referrerPoints, referredPoints, monthlyLimit, confirmDays,
                    referrerReward, referrerCampaignId, referredReward, referredCampaignId, couponValidDays);
        }
    }

    /** Whether a side is rewarded with a coupon, and of which campaign. */
    public Long couponOfReferrer() {
        return referrerReward == RewardKind.COUPON ? referrerCampaignId : null;
    }

    public Long couponOfReferred() {
        return referredReward == RewardKind.COUPON ? referredCampaignId : null;
    }

    /**
     * The program a form or the API sends, checked field by field. Whether a named campaign can issue coupons is the
     * service's check ({@code Referrals.updateProgram}), since it asks the coupons feature.
     */
    public static ReferralProgram check(Boolean active, String rewardOn, Long referrerPoints, Long referredPoints,
                                        Integer monthlyLimit, Integer confirmDays, String referrerReward,
                                        Long referrerCampaignId, String referredReward, Long referredCampaignId,
                                        Integer couponValidDays) {
        RewardMoment moment;
        try {
            moment = RewardMoment.valueOf(rewardOn == null ? "" : rewardOn.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("rewardOn", "one-of", "REGISTRATION, FIRST_ORDER, FIRST_DELIVERED_ORDER");
        }
        RewardKind referrerKind = kind("referrerReward", referrerReward);
        RewardKind referredKind = kind("referredReward", referredReward);
        return new ReferralProgram(active != null && active, moment,
                range("referrerPoints", referrerPoints, 0, MAX_POINTS), range("referredPoints", referredPoints, 0, MAX_POINTS),
                (int) range("monthlyLimit", monthlyLimit == null ? null : monthlyLimit.longValue(), 0, MAX_MONTHLY),
                (int) range("confirmDays", confirmDays == null ? null : confirmDays.longValue(), 0, MAX_DAYS),
                referrerKind, campaign("referrerCampaignId", referrerKind, referrerCampaignId),
                referredKind, campaign("referredCampaignId", referredKind, referredCampaignId),
                (int) range("couponValidDays", couponValidDays == null ? DEFAULT_COUPON_DAYS : couponValidDays.longValue(),
                        1, MAX_DAYS));
    }

    private static RewardKind kind(String field, String value) {
        if (value == null || value.isBlank()) {
            return RewardKind.POINTS;
        }
        try {
            return RewardKind.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "one-of", "POINTS, COUPON");
        }
    }

    /** A coupon reward names its campaign; a points reward keeps none. */
    private static Long campaign(String field, RewardKind kind, Long campaignId) {
        if (kind == RewardKind.POINTS) {
            return null;
        }
        if (campaignId == null) {
            throw new InvalidInput(field, "required");
        }
        return campaignId;
    }

    private static long range(String field, Long value, long min, long max) {
        if (value == null) {
            throw new InvalidInput(field, "required");
        }
        if (value < min || value > max) {
            throw new InvalidInput(field, "out-of-range", min, max);
        }
        return value;
    }
}
