package dev.kizuna.loyalty.referral;

/** When a referral earns its rewards. */
public enum RewardMoment {
    /** As soon as the referred shopper registers with the code. */
    REGISTRATION,
    /** The referred shopper's first order, once delivered and past the return window; a cancelled one ends it. */
    FIRST_ORDER,
    /** The referred shopper's first order that is delivered, once past the return window. */
    FIRST_DELIVERED_ORDER
}
