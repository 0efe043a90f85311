package dev.kizuna.segment;

import dev.kizuna.segment.behaviour.BehaviourSegment;
import dev.kizuna.segment.prediction.LtvSegment;

import java.util.Optional;

/**
 * A segment key as coupons, surveys and the API name segments: {@code rfm:<segment>} (the merchant's RFM segments,
 * e.g. {@code rfm:champions}), {@code behaviour:<spec>} (see {@link BehaviourSegment}, e.g.
 * {@code behaviour:cart-abandoners:7d}), {@code ltv:<spec>} (see {@link LtvSegment}, e.g. {@code ltv:top-decile}).
 */
public sealed interface SegmentKey permits SegmentKey.Rfm, SegmentKey.Behaviour, SegmentKey.Ltv {

    String RFM = "rfm:";
    String BEHAVIOUR = "behaviour:";
    String LTV = "ltv:";

    /** The key as written. */
    String value();

    record Rfm(String value, String segment) implements SegmentKey {
    }

    record Behaviour(String value, BehaviourSegment segment) implements SegmentKey {
    }

    record Ltv(String value, LtvSegment segment) implements SegmentKey {
    }

    /**
     * Reads a key; empty when it is malformed. Whether an {@code rfm:} segment exists is the map's business, not
     * the key's: this only checks its spelling.
     */
    static Optional<SegmentKey> parse(String raw, int defaultBehaviourDays) {
        if (raw == null) {
            return Optional.empty();
        }
        String key = raw.strip();
        if (key.startsWith(RFM)) {
            String segment = key.substring(RFM.length());
            return segment.matches("[a-z][a-z0-9-]{0,39}") ? Optional.of(new Rfm(key, segment)) : Optional.empty();
        }
        if (key.startsWith(BEHAVIOUR)) {
            return BehaviourSegment.parse(key.substring(BEHAVIOUR.length()), defaultBehaviourDays)
                    .map(b -> new Behaviour(key, b));
        }
        if (key.startsWith(LTV)) {
            return LtvSegment.parse(key.substring(LTV.length())).map(l -> new Ltv(key, l));
        }
        return Optional.empty();
    }
}
