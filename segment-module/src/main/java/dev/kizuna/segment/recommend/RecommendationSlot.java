package dev.kizuna.segment.recommend;

import dev.kizuna.core.errors.InvalidInput;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a shop shows recommendations to a shopper, by the name the API takes ({@code ?slot=for-you}). */
public enum RecommendationSlot {
    /** The items most similar to the shopper's recent purchases and views, not what they bought. */
    FOR_YOU,
    /** The products the shopper viewed last, newest first. */
    RECENTLY_VIEWED,
    /** What others bought with the shopper's latest order (or with the SKUs given, a cart's). */
    BOUGHT_TOGETHER;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The slot named {@code value}; anything else is refused naming {@code slot}. */
    public static RecommendationSlot parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("slot", "required");
        }
        for (RecommendationSlot s : values()) {
            if (s.key().equals(value.strip())) {
                return s;
            }
        }
        throw new InvalidInput("slot", "one-of",
                Arrays.stream(values()).map(RecommendationSlot::key).collect(Collectors.joining(", ")));
    }
}
