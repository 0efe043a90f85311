package dev.kizuna.messaging.journey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.text.LocalizedText;

import java.util.List;

/**
 * A journey as the API writes it: a step's {@code after} (the wait since the previous step) is an ISO-8601 duration ({@code PT1H}, {@code P3D}), a step's
 * {@code condition} an audience.
 */
public record JourneyRequest(String key, LocalizedText name, String trigger, Double triggerValue, String channel,
                             String purpose, List<Step> steps, Boolean exitOnOrder, Integer holdoutPercent,
                             Integer conversionDays, Boolean active) {

    public record Step(String after, LocalizedText subject, LocalizedText body, JsonNode condition) {
    }
}
