package dev.kizuna.messaging.console;

import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.CustomerPage;
import dev.kizuna.core.console.CustomerSection;
import dev.kizuna.core.console.Navigation;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.Panel;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.messaging.audience.Audiences;
import dev.kizuna.messaging.broadcast.Broadcasts;
import dev.kizuna.messaging.delivery.MessageEvents;
import dev.kizuna.messaging.delivery.MessageTemplates;
import dev.kizuna.messaging.delivery.Personalisation;
import dev.kizuna.messaging.journey.Journeys;
import dev.kizuna.messaging.report.Reports;

import java.util.HashMap;
import java.util.Map;

/**
 * Messaging in the console: broadcasts with their progress and report (messaged vs holdout, uplift with its
 * interval), journeys with their steps as a vertical flow and each step's figures, and on the 360° page every
 * message the customer got, with its outcome; the audience builder with its live count.
 */
public final class MessagingConsole {

    private MessagingConsole() {
    }

    public static void register(KizunaContext ctx, Audiences audiences, Broadcasts broadcasts, Journeys journeys,
                                MessageEvents events, MessageTemplates templates, Personalisation personalisation,
                                Reports reports) {
        ConsoleContributions console = ctx.console();
        console.pages().get("/messaging", ConsoleRoutes.CONFIGURE, r -> overview(r, broadcasts, journeys));
        MessagePreview previews = new MessagePreview(ctx, templates, personalisation);
        AudienceWords words = new AudienceWords();
        new AudiencePages(audiences).register(console.pages());
        new BroadcastPages(broadcasts, audiences, templates, previews, words).register(console.pages());
        new JourneyPages(journeys, audiences, templates, previews, words, reports).register(console.pages());
        console.menu(new Navigation.Item("messaging", "nav.messaging", "/messaging", ConsoleRoutes.CONFIGURE, 350));
        console.customerSection(new Messages(events));
    }

    private static PageResult overview(PageRequest r, Broadcasts broadcasts, Journeys journeys) {
        Map<String, Object> model = new HashMap<>();
        model.put("broadcasts", broadcasts.list());
        model.put("journeys", journeys.list());
        return PageResult.view("messaging/overview.ftlh", model);
    }

    record Messages(MessageEvents events) implements CustomerSection {
        @Override
        public String id() {
            return "messages";
        }

        @Override
        public int order() {
            return 600;
        }

        @Override
        public Panel render(CustomerPage c) {
            Map<String, Object> model = new HashMap<>();
            model.put("messages", c.request().ctx().database().inTransaction(tx -> events.ofMember(tx, c.memberId(), 50)));
            return Panel.of(c.fragment("messaging/customer-section.ftlh", model));
        }
    }
}
