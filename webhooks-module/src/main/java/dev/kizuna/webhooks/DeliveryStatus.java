package dev.kizuna.webhooks;

/** Where a message to one endpoint stands; {@code webhook_message.status} holds the name. */
public enum DeliveryStatus {
    /** Not yet accepted by the endpoint: waiting for its turn, its next attempt, or its endpoint's re-enabling. */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Retried for {@code retry-for} without success (a dead letter; a replay sends it again). */
    DEAD
}
