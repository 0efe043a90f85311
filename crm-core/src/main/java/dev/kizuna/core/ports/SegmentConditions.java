package dev.kizuna.core.ports;

import java.time.Instant;
import java.util.Optional;

/**
 * Segment membership as conditions for audiences compiled to one statement: a named segment of
 * {@link SegmentDirectory} (RFM and behavioural), an LTV decile range and P(alive) thresholds of the current model.
 * The segments feature provides it.
 */
public interface SegmentConditions {

    /** Members of the segment {@code key} (as {@link SegmentDirectory} names it); empty for an unknown key. */
    Optional<SqlCondition> inSegment(String key, Instant now);

    /** Members whose predicted value falls in deciles {@code from} … {@code to} (10 is the most valuable). */
    SqlCondition ltvDecile(int from, int to);

    /** Members whose probability of still being a customer is below ({@code below}) or at least {@code p}. */
    SqlCondition pAlive(boolean below, double p);
}
