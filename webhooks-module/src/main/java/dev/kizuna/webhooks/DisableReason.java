package dev.kizuna.webhooks;

/** Why an endpoint is disabled; {@code webhook_subscription.disabled_reason} holds the name. */
public enum DisableReason {
    /** An admin disabled it. */
    ADMIN,
    /** Every attempt failed for {@code kizuna.webhooks.disable-after}. */
    FAILING
}
