package dev.kizuna.core.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** A shopper created an account. {@code birthDate} and {@code locale} may be null; consents default to none. */
public record CustomerRegistered(String eventId, Instant occurredAt, String customerId, String email, String name,
                                 LocalDate birthDate, String locale, Map<String, Boolean> consents) implements HostEvent {
    public CustomerRegistered {
        consents = consents == null ? Map.of() : Map.copyOf(consents);
    }

    @Override
    public Optional<String> provides() {
        return Optional.of(HostEvent.customerSubject(customerId));
    }
}
