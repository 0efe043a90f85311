package dev.kizuna.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Some lines of an order came back (a partial return names only those lines and quantities). */
public record OrderReturned(String eventId, Instant occurredAt, String orderId, List<ReturnedLine> lines)
        implements HostEvent {

    public record ReturnedLine(String sku, int quantity) {
    }

    public OrderReturned {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    @Override
    public Optional<String> requires() {
        return Optional.of(HostEvent.orderSubject(orderId));
    }
}
