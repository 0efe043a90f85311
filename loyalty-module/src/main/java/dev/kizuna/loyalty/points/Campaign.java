package dev.kizuna.loyalty.points;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.util.List;

/**
 * A time-boxed earning campaign: ×N on the base points ({@link Kind#MULTIPLIER}, percent: 200 = ×2) or +N points per
 * unit bought ({@link Kind#BONUS_PER_UNIT}), for every line or only lines of the given categories or SKUs.
 * Active from {@code startsAt} (inclusive) to {@code endsAt} (exclusive). With a {@code segment} (e.g.
 * {@code rfm:at-risk}) only members of that segment earn under it.
 */
public record Campaign(Long id, LocalizedText name, Kind kind, Integer multiplierPercent, Long bonusPoints,
                       List<String> categories, List<String> skus, String segment, Instant startsAt, Instant endsAt) {

    public enum Kind { MULTIPLIER, BONUS_PER_UNIT }

    private static final java.util.regex.Pattern SEGMENT_KEY = java.util.regex.Pattern.compile("[a-z]+:[a-z0-9:-]+");

    public Campaign {
        categories = categories == null ? List.of() : List.copyOf(categories);
        skus = skus == null ? List.of() : List.copyOf(skus);
        // Japanese is required; English is optional (pages fall back to the Japanese name)
        if (name == null || name.exactly(LocalizedText.JA).map(t -> t.length() > 200).orElse(true)) {
            throw new InvalidInput("name." + LocalizedText.JA, "required-too-long", 200);
        }
        if (name.exactly(LocalizedText.EN).map(t -> t.length() > 200).orElse(false)) {
            throw new InvalidInput("name." + LocalizedText.EN, "too-long", 200);
        }
        if (kind == null) {
            throw new InvalidInput("kind", "points.campaign-kind");
        }
        if (kind == Kind.MULTIPLIER) {
            if (multiplierPercent == null || multiplierPercent < 101 || multiplierPercent > 10_000) {
                throw new InvalidInput("multiplierPercent", "points.multiplier-range", 101, 10_000);
            }
            if (bonusPoints != null) {
                throw new InvalidInput("bonusPoints", "points.bonus-only");
            }
        } else {
            if (bonusPoints == null || bonusPoints < 1 || bonusPoints > 1_000_000) {
                throw new InvalidInput("bonusPoints", "points.bonus-range", 1, 1_000_000);
            }
            if (multiplierPercent != null) {
                throw new InvalidInput("multiplierPercent", "points.multiplier-only");
            }
        }
        if (segment != null && (segment.isBlank() || segment.length() > 100 || !SEGMENT_KEY.matcher(segment).matches())) {
            throw new InvalidInput("segment", "points.segment-key");
        }
        if (startsAt == null) {
            throw new InvalidInput("startsAt", "required");
        }
        if (endsAt == null || endsAt.isBefore(startsAt)) {
            throw new InvalidInput("endsAt", "not-before", new ProblemTexts.Field("startsAt"));
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
