package dev.kizuna.core.spi;

import java.time.Instant;

public record ProductViewed(String eventId, Instant occurredAt, String customerId, String sku, String category)
        implements HostEvent {
}
