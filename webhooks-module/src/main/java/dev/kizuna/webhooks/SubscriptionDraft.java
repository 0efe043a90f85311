package dev.kizuna.webhooks;

import java.util.List;

/** A new subscription as an admin sends it: the endpoint, the event types by wire name, and whether to include PII. */
public record SubscriptionDraft(String url, String description, List<String> eventTypes, Boolean includePii) {
}
