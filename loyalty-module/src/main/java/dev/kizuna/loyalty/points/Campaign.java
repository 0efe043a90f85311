package dev.kizuna.loyalty.points;

import dev.kizuna.core.errors.InvalidInput;

import java.time.Instant;
import java.util.List;

/**
 * A time-boxed earning campaign: ×N on the base points ({@link Kind#MULTIPLIER}, percent: 200 = ×2) or +N points per
 * unit bought ({@link Kind#BONUS_PER_UNIT}), for every line or only lines of the given categories or SKUs.
 * Active from {@code startsAt} (inclusive) to {@code endsAt} (exclusive). With a {@code segment} (e.g.
 * {@code rfm:at-risk}) only members of that segment earn under it.
 */
public record Campaign(Long id, String nameJa, String nameEn, Kind kind, Integer multiplierPercent, Long bonusPoints,
                       List<String> categories, List<String> skus, String segment, Instant startsAt, Instant endsAt) {

    public enum Kind { MULTIPLIER, BONUS_PER_UNIT }

    private static final java.util.regex.Pattern SEGMENT_KEY = java.util.regex.Pattern.compile("[a-z]+:[a-z0-9:-]+");

    public Campaign {
        categories = categories == null ? List.of() : List.copyOf(categories);
        skus = skus == null ? List.of() : List.copyOf(skus);
        if (nameJa == null || nameJa.isBlank() || nameJa.length() > 200) {
            throw new InvalidInput("name.ja", "is required (at most 200 characters)");
        }
        if (nameEn == null || nameEn.isBlank() || nameEn.length() > 200) {
            throw new InvalidInput("name.en", "is required (at most 200 characters)");
        }
        if (kind == null) {
            throw new InvalidInput("kind", "must be MULTIPLIER or BONUS_PER_UNIT");
        }
        if (kind == Kind.MULTIPLIER) {
            if (multiplierPercent == null || multiplierPercent < 101 || multiplierPercent > 10_000) {
                throw new InvalidInput("multiplierPercent", "must be between 101 and 10000 for a multiplier campaign");
            }
            if (bonusPoints != null) {
                throw new InvalidInput("bonusPoints", "is only for a bonus-per-unit campaign");
            }
        } else {
            if (bonusPoints == null || bonusPoints < 1 || bonusPoints > 1_000_000) {
                throw new InvalidInput("bonusPoints", "must be between 1 and 1000000 for a bonus-per-unit campaign");
            }
            if (multiplierPercent != null) {
                throw new InvalidInput("multiplierPercent", "is only for a multiplier campaign");
            }
        }
        if (segment != null && (segment.isBlank() || segment.length() > 100 || !SEGMENT_KEY.matcher(segment).matches())) {
            throw new InvalidInput("segment", "must be a segment key such as rfm:champions or behaviour:cart-abandoners");
        }
        if (startsAt == null) {
            throw new InvalidInput("startsAt", "is required");
        }
        if (endsAt == null || endsAt.isBefore(startsAt)) {
            throw new InvalidInput("endsAt", "must not be before startsAt");
        }
    }

    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    /** Whether a line of this category and SKU earns under the campaign (no category and no SKU: every line). */
    public boolean covers(String category, String sku) {
        if (categories.isEmpty() && skus.isEmpty()) {
            return true;
        }
        return (category != null && categories.contains(category)) || (sku != null && skus.contains(sku));
    }
}
