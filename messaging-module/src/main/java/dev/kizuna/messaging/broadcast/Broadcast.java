package dev.kizuna.messaging.broadcast;

import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.audience.Audience;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;

import java.time.Instant;

/** A stored broadcast and where its send is. */
public record Broadcast(long id, LocalizedText name, Audience audience, Channel channel, Purpose purpose,
                        LocalizedText subject, LocalizedText body, int holdoutPercent, Long couponCampaignId,
                        int couponValidDays, int conversionDays, Instant sendAt, BroadcastStatus status,
                        long cursor, long total, long visited, Instant startedAt, Instant finishedAt,
                        Instant createdAt) {
}
