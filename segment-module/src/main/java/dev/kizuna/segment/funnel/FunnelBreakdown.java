package dev.kizuna.segment.funnel;

import dev.kizuna.core.errors.InvalidInput;

import java.util.Locale;

/** What the funnel is broken down by: registration month, the channel or the main category of the first order. */
public enum FunnelBreakdown {
    MONTH, CHANNEL, CATEGORY;

    /** {@code month}, {@code channel} or {@code category} of a request; {@code field} names it when refused. */
    public static FunnelBreakdown parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return MONTH;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "one-of", "month, channel, category");
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
