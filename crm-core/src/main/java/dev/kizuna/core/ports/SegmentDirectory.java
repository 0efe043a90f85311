package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;

import java.util.List;

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
}
