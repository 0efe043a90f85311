package dev.kizuna.webhooks;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.core.testing.CheckConstraints;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored statuses, reasons and event types are exactly what the CHECK constraints allow. */
@KizunaTest
class WebhookStatusesTest {

    @Test
    void the_check_constraints_list_exactly_the_enums(KizunaRuntime kizuna) {
        CheckConstraints.assertAllowsExactly(kizuna, "webhook_subscription", "status", SubscriptionStatus.values());
        CheckConstraints.assertAllowsExactly(kizuna, "webhook_subscription", "disabled_reason", DisableReason.values());
        CheckConstraints.assertAllowsExactly(kizuna, "webhook_message", "status", DeliveryStatus.values());
        assertThat(CheckConstraints.allowed(kizuna, "domain_event", "type"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(DomainEventType.values()).map(DomainEventType::wire).toList());
    }
}
