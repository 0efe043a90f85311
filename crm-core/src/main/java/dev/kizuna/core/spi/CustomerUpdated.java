package dev.kizuna.core.spi;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** The shopper's account changed; fields carry the new values (null means unknown/unchanged). */
public record CustomerUpdated(String eventId, Instant occurredAt, String customerId, String email, String name,
                              LocalDate birthDate, String locale, Map<String, Boolean> consents,
                              String phone) implements HostEvent {
    @JsonCreator
    public CustomerUpdated {
        consents = consents == null ? Map.of() : Map.copyOf(consents);
    }

    /** An update that leaves the phone number as it was (the form before the SPI carried one). */
    public CustomerUpdated(String eventId, Instant occurredAt, String customerId, String email, String name,
                           LocalDate birthDate, String locale, Map<String, Boolean> consents) {
        this(eventId, occurredAt, customerId, email, name, birthDate, locale, consents, null);
    }
}
