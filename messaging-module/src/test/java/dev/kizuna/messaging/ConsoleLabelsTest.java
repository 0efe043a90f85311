package dev.kizuna.messaging;

import dev.kizuna.messaging.broadcast.BroadcastStatus;
import dev.kizuna.messaging.consent.Purpose;
import dev.kizuna.messaging.delivery.MessageSource;
import dev.kizuna.messaging.delivery.MessageStatus;
import dev.kizuna.messaging.journey.JourneyTrigger;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kizuna.core.testing.ConsoleLabels.assertLabelled;

/** Every status, source, channel and trigger the messaging pages show has a label in both console languages. */
class ConsoleLabelsTest {

    @Test
    void every_shown_enum_has_a_label_in_ja_and_en() {
        assertLabelled("messaging.broadcast-status.", BroadcastStatus.values());
        assertLabelled("messaging.message-status.", MessageStatus.values());
        assertLabelled("messaging.source.", MessageSource.values());
        assertLabelled("messaging.trigger.", JourneyTrigger.values());
        assertLabelled("messaging.channel.", List.of("mail", "line"));
        assertLabelled("messaging.mail-status.", List.of("PENDING", "SENT", "FAILED", "DEAD"));
        assertLabelled("job.", List.of("broadcast-send.title", "journey-tick.title", "line-delivery.title"));
        assertLabelled("messaging.purpose.", Purpose.values());
        // the journey form's wait units (JourneyPages.WaitUnit)
        assertLabelled("messaging.unit.", List.of("MINUTES", "HOURS", "DAYS"));
    }
}
