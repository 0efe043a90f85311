package dev.kizuna.webhooks;

import java.time.Instant;

/** One message to one endpoint, as the deliveries list shows it, with its last attempt (none before the first). */
public record Delivery(String webhookId, String type, String customerId, DeliveryStatus status, int attempts,
                       Instant occurredAt, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt,
                       Attempt lastAttempt) {

    /** One try: the endpoint's status (none when it never answered), how long it took, what it said. */
    public record Attempt(Instant at, Integer statusCode, long latencyMillis, String responseExcerpt, String error,
                          boolean succeeded) {
    }
}
