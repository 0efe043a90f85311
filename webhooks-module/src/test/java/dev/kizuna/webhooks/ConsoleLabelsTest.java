package dev.kizuna.webhooks;

import dev.kizuna.core.ports.DomainEventType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.kizuna.core.testing.ConsoleLabels.assertLabelled;

/** Every status, reason and event type the webhook pages show has a label in both console languages. */
class ConsoleLabelsTest {

    @Test
    void every_shown_enum_has_a_label_in_ja_and_en() {
        assertLabelled("webhooks.status.", SubscriptionStatus.values());
        assertLabelled("webhooks.delivery-status.", DeliveryStatus.values());
        assertLabelled("webhooks.disabled-reason.", DisableReason.values());
        assertLabelled("webhooks.event.", Arrays.stream(DomainEventType.values()).map(DomainEventType::wire).toList());
    }
}
