package dev.kizuna.webhooks;

import dev.kizuna.core.events.DomainEventOutbox;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.ports.DomainEvent;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.ports.DomainEvents;
import dev.kizuna.webhooks.console.WebhookConsole;

import java.util.Map;

/**
 * Outbound webhooks. Providing {@link DomainEvents} (the kernel's {@code domain_event} outbox) makes the features
 * record their events with their changes; the {@value WebhookDeliveryJob#NAME} job fans each event out to the
 * endpoints subscribed to its type and delivers them signed the Standard Webhooks way, at least once and in order
 * per customer and endpoint, retrying with exponential backoff for {@code retry-for} (3 days) before a dead letter.
 *
 * <p>API (ADMIN) under {@code /crm/api}: {@code GET/POST /webhooks}, {@code GET/DELETE /webhooks/{id}},
 * {@code POST /webhooks/{id}/secret} (rotate), {@code POST /webhooks/{id}/enable|disable},
 * {@code GET /webhooks/{id}/deliveries?from=&to=&limit=}, {@code GET /webhooks/{id}/deliveries/{webhookId}},
 * {@code POST /webhooks/{id}/deliveries/{webhookId}/replay}, {@code POST /webhooks/{id}/replay} ({@code from}, {@code to}).
 */
public final class WebhooksModule implements KizunaModule {

    @Override
    public String name() {
        return "webhooks";
    }

    @Override
    public int startOrder() {
        return 50;
    }

    @Override
    public void start(KizunaContext ctx) {
        WebhookSettings settings = WebhookSettings.of(ctx.config());
        EndpointAddresses addresses = EndpointAddresses.system(settings.allowPrivateAddresses());
        WebhookStore store = new WebhookStore();
        WebhookDispatcher dispatcher = new WebhookDispatcher(ctx.database(), ctx.clock(), store, settings, ctx.cipher(),
                ctx.members(), addresses);
        Webhooks webhooks = new Webhooks(ctx.database(), ctx.clock(), store, settings, ctx.cipher(), ctx.audit(),
                addresses, dispatcher);
        ctx.ports().provide(DomainEvents.class, new DomainEventOutbox());
        // a registration is the mirror's change: recorded in the intake transaction that applies it
        ctx.events().on(CustomerRegistered.class, "webhooks.customer-registered", EventBus.FEATURE, (e, tx) ->
                Members.find(tx, e.customerId()).ifPresent(member -> DomainEvents.record(ctx.ports(), tx,
                        new DomainEvent(DomainEventType.CUSTOMER_REGISTERED, member, e.occurredAt(), Map.of()))));
        ctx.ports().provide(Webhooks.class, webhooks);
        ctx.jobs().register(new WebhookDeliveryJob(webhooks));
        WebhookApi.register(ctx.api(), webhooks);
        WebhookConsole.register(ctx.console());
    }
}
