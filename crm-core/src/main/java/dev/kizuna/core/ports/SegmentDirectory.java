package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

import java.util.List;

/**
 * Named customer segments (RFM segments such as {@code rfm:champions}, behavioural ones such as
 * {@code behaviour:cart-abandoners}) used as eligibility criteria by coupons, surveys and point campaigns.
 */
public interface SegmentDirectory {

    record Segment(String key, String nameJa, String nameEn) {
    }

    List<Segment> segments(Tx tx);

    boolean inSegment(Tx tx, long memberId, String segmentKey);
}
