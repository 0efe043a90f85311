package dev.kizuna.core.spi;

import java.time.Instant;

public record SearchPerformed(String eventId, Instant occurredAt, String customerId, String query, int resultCount)
        implements HostEvent {
}
