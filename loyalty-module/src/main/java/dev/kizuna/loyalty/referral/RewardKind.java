package dev.kizuna.loyalty.referral;

/** What one side of a referral receives. */
public enum RewardKind {
    /** The program's points for that side, through the points feature. */
    POINTS,
    /** A personal code of the coupon campaign the program names for that side. */
    COUPON
}
