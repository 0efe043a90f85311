package dev.kizuna.segment.rfm;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The purchases an RFM run looks at: those placed from {@code start} (the same wall-clock time {@code months}
 * calendar months before the as-of time, in the shop's zone) up to {@code asOf}. Recency is counted in whole days
 * of the shop's calendar from the last purchase to {@code asOfDate}, so "bought yesterday" reads 1 whatever the hour.
 */
public record RfmWindow(Instant start, Instant asOf, LocalDate asOfDate, ZoneId zone, int months) {

    public static RfmWindow of(Instant asOf, ZoneId zone, int months) {
        if (months < 1) {
            throw new IllegalArgumentException("the RFM window must be at least one month, not " + months);
        }
        return new RfmWindow(asOf.atZone(zone).minusMonths(months).toInstant(), asOf, asOf.atZone(zone).toLocalDate(),
                zone, months);
    }
}
