package dev.kizuna.loyalty.referral;

import dev.kizuna.core.errors.InvalidInput;

/**
 * The merchant's referral program: whether it runs, when a referral is rewarded, the points for the referrer and for
 * the referred shopper, how many referrals a referrer is rewarded for per shop month, and the return window after
 * delivery that a held reward waits out.
 */
public record ReferralProgram(boolean active, RewardMoment rewardOn, long referrerPoints, long referredPoints,
                              int monthlyLimit, int confirmDays) {
    public static final long MAX_POINTS = 1_000_000;
    public static final int MAX_MONTHLY = 10_000;
    public static final int MAX_DAYS = 365;

    /** The program as the API sends it, unchecked. */
    public record Draft(Boolean active, String rewardOn, Long referrerPoints, Long referredPoints, Integer monthlyLimit,
                        Integer confirmDays) {
        public ReferralProgram check() {
            return ReferralProgram.check(active, rewardOn, referrerPoints, referredPoints, monthlyLimit, confirmDays);
        }
    }

    /** The program a form or the API sends, checked field by field. */
    public static ReferralProgram check(Boolean active, String rewardOn, Long referrerPoints, Long referredPoints,
                                        Integer monthlyLimit, Integer confirmDays) {
        RewardMoment moment;
        try {
            moment = RewardMoment.valueOf(rewardOn == null ? "" : rewardOn.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("rewardOn", "one-of", "REGISTRATION, FIRST_ORDER, FIRST_DELIVERED_ORDER");
        }
        return new ReferralProgram(active != null && active, moment,
                range("referrerPoints", referrerPoints, MAX_POINTS), range("referredPoints", referredPoints, MAX_POINTS),
                (int) range("monthlyLimit", monthlyLimit == null ? null : monthlyLimit.longValue(), MAX_MONTHLY),
                (int) range("confirmDays", confirmDays == null ? null : confirmDays.longValue(), MAX_DAYS));
    }

    private static long range(String field, Long value, long max) {
        if (value == null) {
            throw new InvalidInput(field, "required");
        }
        if (value < 0 || value > max) {
            throw new InvalidInput(field, "out-of-range", 0, max);
        }
        return value;
    }
}
