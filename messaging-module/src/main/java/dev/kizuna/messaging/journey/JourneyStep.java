package dev.kizuna.messaging.journey;

import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.audience.Audience;

import java.time.Duration;

/**
 * One message of a journey, sent {@code after} the previous step (the first: after entering), to customers who
 * still meet {@code condition} (null: everyone in the journey); those who do not skip it.
 */
public record JourneyStep(Duration after, LocalizedText subject, LocalizedText body, Audience condition) {
}
