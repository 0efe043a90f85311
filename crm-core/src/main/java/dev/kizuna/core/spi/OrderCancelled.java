package dev.kizuna.core.spi;

import java.time.Instant;
import java.util.Optional;

/** The order was cancelled; applied only once the order itself is known (parked until then). */
public record OrderCancelled(String eventId, Instant occurredAt, String orderId) implements HostEvent {
    @Override
    public Optional<String> requires() {
        return Optional.of(HostEvent.orderSubject(orderId));
    }
}
