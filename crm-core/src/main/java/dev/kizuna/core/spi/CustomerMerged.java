package dev.kizuna.core.spi;

import java.time.Instant;

/**
 * The host merged two accounts of one person: {@code mergedId}'s orders, points, coupons, answers and consents move
 * onto {@code survivorId}, and the merged customer is kept as "merged into" the survivor. Applying the same merge
 * again, or the reverse one after it, changes nothing.
 */
public record CustomerMerged(String eventId, Instant occurredAt, String survivorId, String mergedId)
        implements HostEvent {
}
