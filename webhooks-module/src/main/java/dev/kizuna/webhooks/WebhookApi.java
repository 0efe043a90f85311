package dev.kizuna.webhooks;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiRequest;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Role;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The operators' webhook API under {@code /crm/api/webhooks} (ADMIN: it grants endpoints customers' events). */
final class WebhookApi {
    private WebhookApi() {
    }

    /** Replay of the messages created in a time range. */
    record ReplayRange(Instant from, Instant to) {
    }

    record DeliveryDetail(Delivery delivery, List<Delivery.Attempt> attempts) {
    }

    record Replayed(int messages) {
    }

    static void register(ApiRoutes api, Webhooks webhooks) {
        Access admin = Access.admin(Role.ADMIN);
        api.doc("Lists the webhook endpoints").returnsListOf(Subscription.class)
                .get("/webhooks", admin, r -> webhooks.subscriptions());
        api.doc("Subscribes an endpoint to event types; answers its signing secret once").body(SubscriptionDraft.class).returns(SubscriptionSecret.class).status(201)
                .post("/webhooks", admin, r -> ApiResponse.created(webhooks.subscribe(r.body(SubscriptionDraft.class), r.actor())));
        api.doc("One webhook endpoint").returns(Subscription.class)
                .get("/webhooks/{id}", admin, r -> webhooks.subscription(r.pathLong("id")));
        api.doc("Removes a webhook endpoint and its deliveries").status(204).delete("/webhooks/{id}", admin, r -> {
            webhooks.remove(r.pathLong("id"), r.actor());
            return ApiResponse.noContent();
        });
        api.doc("Rotates the signing secret; the previous one keeps signing during the overlap").returns(SubscriptionSecret.class)
                .post("/webhooks/{id}/secret", admin, r -> webhooks.rotateSecret(r.pathLong("id"), r.actor()));
        api.doc("Enables an endpoint again; waiting messages go out").returns(Subscription.class)
                .post("/webhooks/{id}/enable", admin, r -> webhooks.enable(r.pathLong("id"), r.actor()));
        api.doc("Disables an endpoint; messages wait").returns(Subscription.class)
                .post("/webhooks/{id}/disable", admin, r -> webhooks.disable(r.pathLong("id"), r.actor()));
        api.doc("An endpoint's deliveries with status, latency and the answer's start, newest first").returnsListOf(Delivery.class)
                .get("/webhooks/{id}/deliveries", admin, r -> webhooks.deliveries(r.pathLong("id"),
                instant(r, "from", Instant.EPOCH), instant(r, "to", Instant.parse("2200-01-01T00:00:00Z")),
                r.queryInt("limit", 50, 1, 500)));
        api.doc("One delivery with every attempt").returns(DeliveryDetail.class)
                .get("/webhooks/{id}/deliveries/{webhookId}", admin, r -> new DeliveryDetail(
                webhooks.delivery(r.pathLong("id"), r.path("webhookId")),
                webhooks.attempts(r.pathLong("id"), r.path("webhookId"))));
        api.doc("Sends one delivery again with its webhook-id").status(202)
                .post("/webhooks/{id}/deliveries/{webhookId}/replay", admin, r -> {
            webhooks.replay(r.pathLong("id"), r.path("webhookId"), r.actor());
            return new ApiResponse(202, Map.of("webhookId", r.path("webhookId")), "application/json", Map.of());
        });
        api.doc("Sends again every delivery created in a time range, each with its webhook-id").body(ReplayRange.class).returns(Replayed.class).status(202)
                .post("/webhooks/{id}/replay", admin, r -> {
            ReplayRange range = r.body(ReplayRange.class);
            int n = webhooks.replay(r.pathLong("id"), range.from(), range.to(), r.actor());
            return new ApiResponse(202, new Replayed(n), "application/json", Map.of());
        });
    }

    private static Instant instant(ApiRequest r, String name, Instant fallback) {
        return r.query(name).map(v -> {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidInput(name, "invalid-date-time", "2026-12-01T00:00:00+09:00");
            }
        }).orElse(fallback);
    }
}
