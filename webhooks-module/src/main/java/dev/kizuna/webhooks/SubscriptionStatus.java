package dev.kizuna.webhooks;

/** Whether an endpoint is sent to; {@code webhook_subscription.status} holds the name. */
public enum SubscriptionStatus {
    ACTIVE,
    /** By an admin, or by Kizuna after the endpoint kept failing for {@code disable-after}; messages wait. */
    DISABLED
}
