package dev.kizuna.core.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** The shopper's account changed; fields carry the new values (null means unknown/unchanged). */
public record CustomerUpdated(String eventId, Instant occurredAt, String customerId, String email, String name,
                              LocalDate birthDate, String locale, Map<String, Boolean> consents) implements HostEvent {
    public CustomerUpdated {
        consents = consents == null ? Map.of() : Map.copyOf(consents);
    }
}
