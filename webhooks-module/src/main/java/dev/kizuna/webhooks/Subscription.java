package dev.kizuna.webhooks;

import dev.kizuna.core.ports.DomainEventType;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint subscribed to event types. {@code includePii}: the payloads carry the customer's name and e-mail
 * (opened at delivery); otherwise ids and figures only. The secret itself is never part of this view.
 */
public record Subscription(long id, String url, String description, List<DomainEventType> eventTypes,
                           boolean includePii, SubscriptionStatus status, Instant failingSince, Instant disabledAt,
                           DisableReason disabledReason, Instant previousSecretUntil, Instant createdAt, String createdBy) {

    /** The event types by their wire names, for pages and payloads. */
    public List<String> eventTypeNames() {
        return eventTypes.stream().map(DomainEventType::wire).toList();
    }
}
