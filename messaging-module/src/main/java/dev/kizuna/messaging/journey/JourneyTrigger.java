package dev.kizuna.messaging.journey;

/**
 * What puts a customer into a journey. Event triggers enter at once (in the event's transaction, keyed by the
 * event); the others are looked for by the {@code journey-tick} job. {@code triggerValue} is the days before expiry
 * for {@link #POINTS_EXPIRING} and the P(alive) threshold for {@link #WIN_BACK}.
 */
public enum JourneyTrigger {
    REGISTERED, FIRST_ORDER, ORDER_DELIVERED, CART_ABANDONED, POINTS_EXPIRING, RANK_UP, RANK_AT_RISK, WIN_BACK,
    BIRTHDAY_MONTH
}
