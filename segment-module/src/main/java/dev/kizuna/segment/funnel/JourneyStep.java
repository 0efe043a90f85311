package dev.kizuna.segment.funnel;

/**
 * The steps of the customer journey, in order. Each step counts the members of the one before it who got this far:
 * a regular is a member with a third order who meets the merchant's {@link RegularDefinition} today.
 */
public enum JourneyStep {
    REGISTERED, FIRST_ORDER, SECOND_ORDER, THIRD_ORDER, REGULAR_CUSTOMER
}
