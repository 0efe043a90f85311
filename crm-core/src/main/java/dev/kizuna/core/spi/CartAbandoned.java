package dev.kizuna.core.spi;

import java.time.Instant;

/** The host judged a cart abandoned (its own rule, e.g. idle for a day); {@code cartValue} in minor units. */
public record CartAbandoned(String eventId, Instant occurredAt, String customerId, long cartValue, String currency)
        implements HostEvent {
}
