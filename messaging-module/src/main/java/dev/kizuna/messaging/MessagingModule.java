package dev.kizuna.messaging;

import dev.kizuna.core.ports.CustomerMergeParticipant;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.ports.MailHooks;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.core.spi.CartAbandoned;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.CustomerUpdated;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.messaging.audience.Audiences;
import dev.kizuna.messaging.broadcast.BroadcastSendJob;
import dev.kizuna.messaging.broadcast.Broadcasts;
import dev.kizuna.messaging.channel.LineChannel;
import dev.kizuna.messaging.channel.LinePush;
import dev.kizuna.messaging.channel.MailChannel;
import dev.kizuna.messaging.consent.Consents;
import dev.kizuna.messaging.consent.ConsentsMerge;
import dev.kizuna.messaging.console.MessagingConsole;
import dev.kizuna.messaging.delivery.LineDeliveryJob;
import dev.kizuna.messaging.delivery.MessageEvents;
import dev.kizuna.messaging.delivery.MessageLinks;
import dev.kizuna.messaging.delivery.MessageTemplates;
import dev.kizuna.messaging.delivery.MessagingSettings;
import dev.kizuna.messaging.delivery.Outbound;
import dev.kizuna.messaging.delivery.Personalisation;
import dev.kizuna.messaging.journey.JourneyTickJob;
import dev.kizuna.messaging.journey.Journeys;
import dev.kizuna.messaging.journey.ShippedJourneys;
import dev.kizuna.messaging.report.Reports;
import dev.kizuna.messaging.web.ClickServlet;
import dev.kizuna.messaging.web.UnsubscribeServlet;

import java.time.Duration;
import java.util.List;

/**
 * Messaging: audiences, broadcasts (segment mails), journeys (step mails), on mail and LINE, with consent per
 * channel, one-click unsubscribe, a frequency cap, quiet hours, bounce suppression and holdout-measured reports.
 * Settings: {@link MessagingSettings}; {@code kizuna.messaging.batch-size} (members per send batch, default 1,000).
 *
 * <p>API under {@code /crm/api} (read: ADMIN, MARKETER, SUPPORT; change: ADMIN, MARKETER):
 * {@code POST/GET /broadcasts}, {@code GET /broadcasts/{id}} (status, progress, report),
 * {@code GET /broadcasts/{id}/preview?customer=} (as that customer would get it), {@code POST /broadcasts/{id}/send}; {@code GET/POST /journeys}, {@code GET/PUT /journeys/{id}};
 * {@code GET /audiences/count?audience=&channel=} (and POST with the audience in the body);
 * {@code GET /customers/{id}/messages}; shopper: {@code GET/PUT /me/messaging/preferences}. Pages:
 * {@code /crm/unsubscribe/<token>} (GET confirm, POST unsubscribe and RFC 8058 one-click) and
 * {@code /crm/go/<token>} (tracked link). Jobs: {@value BroadcastSendJob#NAME}, {@value JourneyTickJob#NAME},
 * {@value LineDeliveryJob#NAME}.
 */
public final class MessagingModule implements KizunaModule {

    @Override
    public String name() {
        return "messaging";
    }

    @Override
    public int startOrder() {
        return 400;
    }

    @Override
    public void start(KizunaContext ctx) {
        MessagingSettings settings = MessagingSettings.from(ctx.config());
        int batchSize = ctx.config().intValue("kizuna.messaging.batch-size", 1_000);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("kizuna.messaging.batch-size: between 1 and 10,000");
        }
        Consents consents = new Consents(ctx.clock());
        MessageLinks links = new MessageLinks(ctx.tokens(), settings.publicBaseUrl(), ctx.clock());
        LineChannel line = new LineChannel(ctx.host());
        Personalisation personalisation = new Personalisation(ctx.ports(), ctx.host());
        Outbound outbound = new Outbound(consents, List.of(new MailChannel(ctx.mail(), ctx.host()), line), links,
                personalisation, settings.capPerWeek(), settings.quietHours(), ctx.zone());
        MessageTemplates templates = new MessageTemplates(ctx.templates(), settings);
        Audiences audiences = new Audiences(ctx.ports(), ctx.members());
        Reports reports = new Reports(ctx.ports());
        Broadcasts broadcasts = new Broadcasts(ctx.database(), ctx.clock(), audiences, templates, personalisation,
                reports, ctx.ports());
        Journeys journeys = new Journeys(ctx.database(), ctx.clock(), audiences, templates, reports);
        MessageEvents events = new MessageEvents(ctx.database(), consents, links, ctx.clock());
        journeys.install(ShippedJourneys.all());

        ctx.ports().provide(MailHooks.class, events);
        ctx.ports().contribute(TouchpointSource.class, new MessageTouchpoints());
        ctx.events().on(CustomerRegistered.class, "messaging.consents", EventBus.FEATURE, consents::onRegistered);
        ctx.events().on(CustomerUpdated.class, "messaging.consents", EventBus.FEATURE, consents::onUpdated);
        ctx.events().on(CustomerDeleted.class, "messaging.forget-consents", EventBus.FEATURE, consents::onDeleted);
        ctx.ports().contribute(CustomerMergeParticipant.class, new ConsentsMerge());
        ctx.events().on(CustomerRegistered.class, "messaging.journeys", EventBus.FEATURE + 1, journeys::onRegistered);
        ctx.events().on(CartAbandoned.class, "messaging.journeys", EventBus.FEATURE, journeys::onCartAbandoned);
        // a batch handler, so deliveries published together (a store import's hand-overs) are applied as a run
        ctx.events().onBatch(OrderDelivered.class, "messaging.journeys", EventBus.FEATURE, (deliveries, tx) -> {
            for (OrderDelivered e : deliveries) {
                journeys.onOrderDelivered(e, tx);
            }
        });
        ctx.events().onBatch(OrderSubmitted.class, "messaging.journeys", EventBus.FEATURE, journeys::onOrdersSubmitted);

        ctx.jobs().register(new BroadcastSendJob(ctx.database(), broadcasts, outbound, ctx.clock(), batchSize));
        ctx.jobs().register(new JourneyTickJob(ctx.database(), journeys, outbound, ctx.ports(), ctx.clock(), ctx.zone(),
                batchSize));
        ctx.jobs().register(new LineDeliveryJob(ctx.database(),
                new LinePush(settings.lineApi(), settings.lineToken(), 3, Duration.ofSeconds(1)), line, ctx.clock()));
        ctx.pages().mount(MessageLinks.UNSUBSCRIBE_SEGMENT, new UnsubscribeServlet(events, ctx.templates()));
        ctx.pages().mount(MessageLinks.CLICK_SEGMENT, new ClickServlet(events, ctx.templates()));
        MessagingApi.register(ctx, consents, audiences, broadcasts, journeys, events);
        MessagingConsole.register(ctx, audiences, broadcasts, journeys, events, templates, personalisation, reports);
    }
}
