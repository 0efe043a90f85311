package dev.kizuna.loyalty.referral;

/** Why a referral earns nothing: the referred shopper looks like the referrer, or the referrer's month is full. */
public enum BlockRule {
    SAME_EMAIL,
    SAME_PHONE,
    SAME_DEVICE,
    SAME_ADDRESS,
    SAME_PAYMENT,
    MONTHLY_LIMIT
}
