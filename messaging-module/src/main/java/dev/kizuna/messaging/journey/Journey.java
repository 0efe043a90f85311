package dev.kizuna.messaging.journey;

import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;

import java.util.List;

/** A step-mail scenario: a trigger, steps with waits and conditions, and the exit when the customer orders. */
public record Journey(long id, String key, LocalizedText name, JourneyTrigger trigger, Double triggerValue,
                      Channel channel, Purpose purpose, List<JourneyStep> steps, boolean exitOnOrder,
                      int holdoutPercent, int conversionDays, boolean active) {
    public Journey {
        steps = List.copyOf(steps);
    }

    public String holdoutKey() {
        return "journey:" + id;
    }
}
