package dev.kizuna.core.spi;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A shopper created an account. {@code birthDate}, {@code locale} and {@code phone} may be null; consents default to
 * none. {@code referralCode} is the code of the member who referred the shopper (from the referral link or typed at
 * sign-up), and {@code deviceHash} and {@code addressHash} are the host's own hashes of the device and of the postal
 * address, which the referral program compares to spot a member referring themselves; all three may be null.
 */
public record CustomerRegistered(String eventId, Instant occurredAt, String customerId, String email, String name,
                                 LocalDate birthDate, String locale, Map<String, Boolean> consents,
                                 String phone, String referralCode, String deviceHash,
                                 String addressHash) implements HostEvent {
    @JsonCreator
    public CustomerRegistered {
        consents = consents == null ? Map.of() : Map.copyOf(consents);
    }

    /** A registration without a phone number (the form before the SPI carried one). */
    public CustomerRegistered(String eventId, Instant occurredAt, String customerId, String email, String name,
                              LocalDate birthDate, String locale, Map<String, Boolean> consents) {
        this(eventId, occurredAt, customerId, email, name, birthDate, locale, consents, null);
    }

    /** A registration without a referral. */
    public CustomerRegistered(String eventId, Instant occurredAt, String customerId, String email, String name,
                              LocalDate birthDate, String locale, Map<String, Boolean> consents, String phone) {
        this(eventId, occurredAt, customerId, email, name, birthDate, locale, consents, phone, null, null, null);
    }

    @Override
    public Optional<String> provides() {
        return Optional.of(HostEvent.customerSubject(customerId));
    }
}
