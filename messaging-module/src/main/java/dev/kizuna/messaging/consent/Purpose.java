package dev.kizuna.messaging.consent;

/**
 * Why a message is sent: a marketing message needs the customer's opt-in, counts towards the frequency cap, waits out
 * quiet hours and carries a one-click unsubscribe; a transactional one (a reminder of the customer's own expiring
 * points, when the shop configures it so) needs none of that. Both carry the sender's identity and address.
 */
public enum Purpose {
    MARKETING, TRANSACTIONAL
}
