package dev.kizuna.webhooks.console;

import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.DashboardSection;
import dev.kizuna.core.console.Navigation;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.Panel;
import dev.kizuna.webhooks.Subscription;
import dev.kizuna.webhooks.Webhooks;

import java.util.List;
import java.util.Map;

/** Webhooks in the console: the endpoints and their deliveries (ADMIN), and a dashboard notice of disabled endpoints. */
public final class WebhookConsole {
    private WebhookConsole() {
    }

    public static void register(ConsoleContributions console) {
        new WebhookPages().register(console.pages());
        console.menu(new Navigation.Item("webhooks", "nav.webhooks", "/webhooks", ConsoleRoutes.ADMIN_ONLY, 850));
        console.dashboardSection(new DisabledNotice());
    }

    /** Shown only while an endpoint is disabled, so a merchant notices events are no longer leaving. */
    record DisabledNotice() implements DashboardSection {
        @Override
        public String id() {
            return "webhooks";
        }

        @Override
        public int order() {
            return 50;
        }

        @Override
        public Panel render(PageRequest r) {
            List<Subscription> disabled = r.port(Webhooks.class).disabled();
            if (disabled.isEmpty() || !r.hasRole(dev.kizuna.core.web.Role.ADMIN)) {
                return Panel.of("");
            }
            return Panel.of(r.fragment("webhooks/notice.ftlh", Map.of("disabled", disabled)));
        }
    }
}
