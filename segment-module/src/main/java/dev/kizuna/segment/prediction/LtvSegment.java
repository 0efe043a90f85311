package dev.kizuna.segment.prediction;

import dev.kizuna.core.text.LocalizedText;

import java.util.Optional;

/**
 * A segment of customers by predicted lifetime value, from the last {@code ltv-fit} scoring. Keys (after the
 * {@code ltv:} prefix): {@code top-decile} (the tenth with the highest predicted value, decile 1),
 * {@code decile-N} (N from 1, the top, to 10), {@code likely-lapsed} (repeat customers whose probability of still
 * being active is below {@code kizuna.segments.ltv.lapsed-below-percent}, default 30).
 */
public record LtvSegment(Kind kind, int decile) {

    public enum Kind { DECILE, LIKELY_LAPSED }

    public static final LtvSegment TOP_DECILE = new LtvSegment(Kind.DECILE, 1);
    public static final LtvSegment LIKELY_LAPSED = new LtvSegment(Kind.LIKELY_LAPSED, 0);

    public static Optional<LtvSegment> parse(String spec) {
        if (spec.equals("top-decile")) {
            return Optional.of(TOP_DECILE);
        }
        if (spec.equals("likely-lapsed")) {
            return Optional.of(LIKELY_LAPSED);
        }
        if (spec.matches("decile-(10|[1-9])")) {
            return Optional.of(new LtvSegment(Kind.DECILE, Integer.parseInt(spec.substring("decile-".length()))));
        }
        return Optional.empty();
    }

    public static LtvSegment decile(int n) {
        if (n < 1 || n > 10) {
            throw new IllegalArgumentException("deciles run from 1 (top) to 10: " + n);
        }
        return new LtvSegment(Kind.DECILE, n);
    }

    /** The segment's name in the shop's languages. */
    public LocalizedText name() {
        if (kind == Kind.LIKELY_LAPSED) {
            return LocalizedText.of("離反の可能性が高いリピーター", "Repeat customers likely lapsed");
        }
        return decile == 1 ? LocalizedText.of("予測LTV上位10%", "Top 10% by predicted LTV")
                : LocalizedText.of("予測LTV 第" + decile + "十分位", "Predicted LTV decile " + decile);
    }
}
