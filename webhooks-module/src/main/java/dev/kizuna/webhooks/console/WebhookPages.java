package dev.kizuna.webhooks.console;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.webhooks.EndpointAddresses;
import dev.kizuna.webhooks.Subscription;
import dev.kizuna.webhooks.SubscriptionDraft;
import dev.kizuna.webhooks.SubscriptionSecret;
import dev.kizuna.webhooks.SubscriptionStatus;
import dev.kizuna.webhooks.Webhooks;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints (list, subscribe, with a notice of disabled ones) and one endpoint's page: its settings, secret
 * rotation, disabling and removal, its deliveries with status, latency and the answer's start, and replay of one
 * delivery or of those of a time range (entered in the shop's zone).
 */
final class WebhookPages {
    static final int DELIVERIES = 100;

    void register(ConsoleRoutes routes) {
        routes.get("/webhooks", ConsoleRoutes.ADMIN_ONLY, r -> list(r, new FormErrors(r.messages()), 200));
        routes.post("/webhooks", ConsoleRoutes.ADMIN_ONLY, this::subscribe);
        routes.get("/webhooks/{id}", ConsoleRoutes.ADMIN_ONLY, r -> detail(r, new FormErrors(r.messages()), 200));
        routes.post("/webhooks/{id}/secret", ConsoleRoutes.ADMIN_ONLY, this::rotate);
        routes.post("/webhooks/{id}/enable", ConsoleRoutes.ADMIN_ONLY, r -> status(r, true));
        routes.post("/webhooks/{id}/disable", ConsoleRoutes.ADMIN_ONLY, r -> status(r, false));
        routes.post("/webhooks/{id}/delete", ConsoleRoutes.ADMIN_ONLY, this::remove);
        routes.post("/webhooks/{id}/deliveries/{webhookId}/replay", ConsoleRoutes.ADMIN_ONLY, this::replayOne);
        routes.post("/webhooks/{id}/replay", ConsoleRoutes.ADMIN_ONLY, this::replayRange);
    }

    private PageResult list(PageRequest r, FormErrors errors, int status) {
        Webhooks webhooks = r.port(Webhooks.class);
        Map<String, Object> model = new HashMap<>();
        List<Subscription> all = webhooks.subscriptions();
        model.put("subscriptions", all);
        model.put("disabled", all.stream().filter(s -> s.status() == SubscriptionStatus.DISABLED).toList());
        model.put("eventTypes", Arrays.stream(DomainEventType.values()).map(DomainEventType::wire).toList());
        model.put("errors", errors.asMap());
        model.put("chosenEventTypes", errors.any() ? Arrays.asList(r.params("eventTypes")) : List.of());
        if (errors.any()) {
            model.put("values", r.formValues());
        }
        return PageResult.view("webhooks/list.ftlh", model, status);
    }

    private PageResult subscribe(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        check(r, errors);
        if (errors.any()) {
            return list(r, errors, 400);
        }
        try {
            SubscriptionSecret created = r.port(Webhooks.class).subscribe(new SubscriptionDraft(r.raw("url"),
                    r.param("description").orElse(null), List.of(r.params("eventTypes")), r.flag("includePii")), r.actor());
            r.flashKey("success", "webhooks.created", created.secret());
            return PageResult.redirect("/webhooks/" + created.subscription().id());
        } catch (InvalidInput e) {
            return list(r, errors.add(e, f -> f.startsWith("eventTypes") ? "eventTypes" : f), 400);
        }
    }

    /**
     * What the webhooks service would refuse one at a time, checked here first so an empty or wrong form names every
     * bad field at once: the address (its reachability is the service's to judge), the event types, the description.
     */
    static void check(PageRequest r, FormErrors errors) {
        errors.text(r, "url", true, EndpointAddresses.MAX_URL_LENGTH);
        errors.text(r, "description", false, Webhooks.MAX_DESCRIPTION);
        String[] types = r.params("eventTypes");
        if (types.length == 0) {
            errors.add("eventTypes", "error.required");
        } else if (Arrays.stream(types).anyMatch(t -> DomainEventType.ofWire(t).isEmpty())) {
            errors.add(new InvalidInput("eventTypes", "webhook.unknown-event-type"));
        }
    }

    private PageResult detail(PageRequest r, FormErrors errors, int status) {
        Webhooks webhooks = r.port(Webhooks.class);
        long id = r.pathLong("id");
        Map<String, Object> model = new HashMap<>();
        model.put("subscription", webhooks.subscription(id));
        model.put("deliveries", webhooks.deliveries(id, Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), DELIVERIES));
        model.put("errors", errors.asMap());
        if (errors.any()) {
            model.put("values", r.formValues());
        }
        return PageResult.view("webhooks/detail.ftlh", model, status);
    }

    private PageResult rotate(PageRequest r) {
        SubscriptionSecret rotated = r.port(Webhooks.class).rotateSecret(r.pathLong("id"), r.actor());
        r.flashKey("success", "webhooks.rotated", rotated.secret());
        return PageResult.redirect("/webhooks/" + r.pathLong("id"));
    }

    private PageResult status(PageRequest r, boolean enable) {
        Webhooks webhooks = r.port(Webhooks.class);
        if (enable) {
            webhooks.enable(r.pathLong("id"), r.actor());
        } else {
            webhooks.disable(r.pathLong("id"), r.actor());
        }
        r.flashKey("success", enable ? "webhooks.enabled" : "webhooks.disabled-now");
        return PageResult.redirect("/webhooks/" + r.pathLong("id"));
    }

    private PageResult remove(PageRequest r) {
        r.port(Webhooks.class).remove(r.pathLong("id"), r.actor());
        r.flashKey("success", "webhooks.removed");
        return PageResult.redirect("/webhooks");
    }

    private PageResult replayOne(PageRequest r) {
        r.port(Webhooks.class).replay(r.pathLong("id"), r.path("webhookId"), r.actor());
        r.flashKey("success", "webhooks.replayed", 1);
        return PageResult.redirect("/webhooks/" + r.pathLong("id"));
    }

    private PageResult replayRange(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        Instant from = errors.shopTime(r, "from", true);
        Instant to = errors.shopTime(r, "to", true);
        if (errors.any()) {
            return detail(r, errors, 400);
        }
        try {
            int n = r.port(Webhooks.class).replay(r.pathLong("id"), from, to, r.actor());
            r.flashKey("success", "webhooks.replayed", n);
            return PageResult.redirect("/webhooks/" + r.pathLong("id"));
        } catch (InvalidInput e) {
            return detail(r, errors.add(e), 400);
        }
    }

}
