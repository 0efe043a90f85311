package dev.kizuna.core.spi;

import java.time.Instant;

/** The shopper asked for erasure: personal data goes, amounts that tax law needs stay, anonymised. */
public record CustomerDeleted(String eventId, Instant occurredAt, String customerId) implements HostEvent {
}
