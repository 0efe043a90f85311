package dev.kizuna.messaging.consent;

import java.util.Locale;
import java.util.Optional;

/** Where a message reaches a customer; a consent is given per channel. */
public enum Channel {
    MAIL("mail"), LINE("line");

    private final String key;

    Channel(String key) {
        this.key = key;
    }

    /** The name in the API and in the host's consent map ({@code consents.mail}). */
    public String key() {
        return key;
    }

    public static Optional<Channel> byKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (Channel c : values()) {
            if (c.key.equals(k) || c.name().equalsIgnoreCase(k)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
