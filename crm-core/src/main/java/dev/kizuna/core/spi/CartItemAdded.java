package dev.kizuna.core.spi;

import java.time.Instant;

public record CartItemAdded(String eventId, Instant occurredAt, String customerId, String sku, String category,
                            int quantity, long unitPrice) implements HostEvent {
}
