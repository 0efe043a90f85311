package dev.kizuna.core.ports;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;

import java.util.List;
import java.util.Optional;

/**
 * Named customer segments (RFM segments such as {@code rfm:champions}, behavioural ones such as
 * {@code behaviour:cart-abandoners}) used as eligibility criteria by coupons, surveys and point campaigns.
 */
public interface SegmentDirectory {

    /** A segment's key and its name in the shop's languages. */
    record Segment(String key, LocalizedText name) {
    }

    List<Segment> segments(Tx tx);

    boolean inSegment(Tx tx, long memberId, String segmentKey);

    /**
     * Refuses a key (null: none chosen) that is not one of the directory's segments, naming {@code field}: a campaign
     * must not target a segment no one can ever be in. Without the segments feature no key is listed.
     */
    static void requireListed(Optional<SegmentDirectory> directory, Tx tx, String key, String field) {
        if (key != null && directory.map(d -> d.segments(tx).stream().noneMatch(s -> s.key().equals(key))).orElse(true)) {
            throw new InvalidInput(field, "unknown-segment", key);
        }
    }
}
