package dev.kizuna.loyalty.referral;

/** Where a referral stands. */
public enum ReferralState {
    /** Registered with a code; waiting for the order that qualifies. */
    AWAITING_ORDER,
    /** The qualifying order came; the rewards wait until it is confirmed (delivered plus the return window). */
    HELD,
    REWARDED,
    /** A fraud rule or the monthly limit stopped it ({@link BlockRule}). */
    BLOCKED,
    /** The qualifying first order was cancelled or returned. */
    VOID
}
