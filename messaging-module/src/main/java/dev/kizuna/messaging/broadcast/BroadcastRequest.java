package dev.kizuna.messaging.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;

/**
 * A broadcast as the API and the console write it: {@code channel} {@code mail} or {@code line}, {@code purpose}
 * {@code marketing} (default) or {@code transactional}, {@code holdoutPercent} 0 … 50 (default 10),
 * {@code conversionDays} the report's window (default 7); without {@code sendAt} it waits for a send.
 */
public record BroadcastRequest(LocalizedText name, JsonNode audience, String channel, String purpose,
                               LocalizedText subject, LocalizedText body, Integer holdoutPercent,
                               Long couponCampaignId, Integer couponValidDays, Integer conversionDays,
                               Instant sendAt) {
}
