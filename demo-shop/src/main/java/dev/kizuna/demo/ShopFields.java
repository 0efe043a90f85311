package dev.kizuna.demo;

import dev.kizuna.core.errors.InvalidInput;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The shop's rules for a single text field of a request, checked before anything is read or written: a length bound
 * first (so a hostile 64 KB value costs one comparison), then no control characters (NUL, line breaks, escapes),
 * which no SKU, name, code or date of this shop contains and which PostgreSQL refuses in text (NUL) with an error.
 */
final class ShopFields {
    /** The longest date-time text accepted, e.g. {@code 2026-05-01T09:00:00.123456789+09:00} with room to spare. */
    static final int MAX_DATE_TIME = 40;

    private ShopFields() {
    }

    /** A field that must be given: trimmed, at most {@code max} characters, no control characters. */
    static String required(String field, String value, int max) {
        return optional(field, value, max).orElseThrow(() -> new InvalidInput(field, "required"));
    }

    /** A field that may be left out (absent or blank); when given, as {@link #required}. */
    static Optional<String> optional(String field, String value, int max) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > max) {
            throw new InvalidInput(field, "too-long", max);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidInput(field, "shop.control-character", i + 1);
            }
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    /** An ISO instant or offset date-time between {@code from} (inclusive) and {@code until} (inclusive). */
    static Instant instant(String field, String value, Instant from, Instant until) {
        String text = required(field, value, MAX_DATE_TIME);
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                at = Instant.parse(text);
            } catch (DateTimeParseException e2) {
                throw new InvalidInput(field, "invalid-date-time", "1997-01-01T10:00:00+09:00");
            }
        }
        if (at.isBefore(from) || at.isAfter(until)) {
            throw new InvalidInput(field, "out-of-range", from, until);
        }
        return at;
    }
}
