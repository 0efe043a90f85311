package dev.kizuna.webhooks;

/** A subscription with its new signing secret, shown once (after creation or a rotation). */
public record SubscriptionSecret(Subscription subscription, String secret) {
}
