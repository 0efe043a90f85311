package dev.kizuna.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiRequest;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Role;
import dev.kizuna.messaging.audience.Audience;
import dev.kizuna.messaging.audience.AudienceJson;
import dev.kizuna.messaging.audience.Audiences;
import dev.kizuna.messaging.broadcast.BroadcastRequest;
import dev.kizuna.messaging.broadcast.Broadcasts;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.ConsentSource;
import dev.kizuna.messaging.consent.Consents;
import dev.kizuna.messaging.consent.Purpose;
import dev.kizuna.messaging.delivery.MessageEvents;
import dev.kizuna.messaging.journey.JourneyRequest;
import dev.kizuna.messaging.journey.Journeys;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The messaging routes under {@code /crm/api}; see {@link MessagingModule} for the list. */
final class MessagingApi {
    private static final Access READ = Access.admin(Role.ADMIN, Role.MARKETER, Role.SUPPORT);
    private static final Access WRITE = Access.admin(Role.ADMIN, Role.MARKETER);

    private MessagingApi() {
    }

    static void register(KizunaContext ctx, Consents consents, Audiences audiences, Broadcasts broadcasts,
                         Journeys journeys, MessageEvents events) {
        ApiRoutes api = ctx.api();
        api.doc("Creates a broadcast (a one-off segment mail or LINE message)").body(BroadcastRequest.class).status(201)
                .post("/broadcasts", WRITE, r -> ApiResponse.created(broadcasts.create(r.body(BroadcastRequest.class), r.actor())));
        api.doc("Lists broadcasts with their progress").get("/broadcasts", READ, r -> broadcasts.list());
        api.doc("A broadcast: status, counts, its report and its coupons' cost (codes issued, orders with them, discount)").get("/broadcasts/{id}", READ, r -> broadcasts.view(r.pathLong("id")));
        api.doc("Renders a broadcast for a real customer").get("/broadcasts/{id}/preview", READ, r -> broadcasts.preview(r.pathLong("id"),
                r.query("customer").orElseThrow(() -> new InvalidInput("customer", "required"))));
        api.doc("Starts sending a broadcast (the send job picks it up)").status(202)
                .post("/broadcasts/{id}/send", WRITE, r -> new ApiResponse(202, broadcasts.send(r.pathLong("id")),
                "application/json", Map.of()));

        api.doc("Lists journeys (step mails)").get("/journeys", READ, r -> journeys.list());
        api.doc("Creates a journey").body(JourneyRequest.class).status(201).post("/journeys", WRITE, r -> ApiResponse.created(journeys.create(r.body(JourneyRequest.class))));
        api.doc("A journey with its steps and figures").get("/journeys/{id}", READ, r -> journeys.view(r.pathLong("id")));
        api.doc("Changes a journey").body(JourneyRequest.class).put("/journeys/{id}", WRITE, r -> journeys.update(r.pathLong("id"), r.body(JourneyRequest.class)));

        api.doc("Counts an audience live (audience as JSON in the query)").get("/audiences/count", READ, r -> {
            String text = r.query("audience").orElseThrow(() -> new InvalidInput("audience", "required"));
            JsonNode node;
            try {
                node = Json.INPUT.readTree(text);
            } catch (IOException e) {
                throw new InvalidInput("audience", "messaging.audience.not-json");
            }
            return count(ctx, audiences, AudienceJson.read(node, "audience"), r);
        });
        api.doc("Counts an audience live (audience in the body)").post("/audiences/count", READ, r -> count(ctx, audiences, AudienceJson.read(r.bodyTree().get("audience"),
                "audience"), r));

        api.doc("The messages a customer got, with their outcome").get("/customers/{id}/messages", READ, r -> ctx.database().inTransaction(tx -> {
            long member = Members.find(tx, r.path("id")).orElseThrow(() -> new NotFound("no customer " + r.path("id")));
            return events.ofMember(tx, member, r.queryInt("limit", 50, 1, 500));
        }));

        api.doc("The signed-in shopper's channel preferences").get("/me/messaging/preferences", Access.shopper(), r -> preferences(ctx, consents, r.shopper()));
        api.doc("Changes the signed-in shopper's channel preferences").put("/me/messaging/preferences", Access.shopper(), r -> {
            JsonNode body = r.bodyTree();
            Map<Channel, Boolean> wanted = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = body.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Channel c = Channel.byKey(e.getKey()).orElseThrow(() -> new InvalidInput(e.getKey(), "one-of", "mail, line"));
                if (!e.getValue().isBoolean()) {
                    throw new InvalidInput(e.getKey(), "messaging.true-or-false");
                }
                wanted.put(c, e.getValue().booleanValue());
            }
            ctx.database().execute(tx -> {
                long member = Members.ensure(tx, r.shopper());
                wanted.forEach((c, granted) -> consents.set(tx, member, c, granted, ConsentSource.PREFERENCES));
            });
            return preferences(ctx, consents, r.shopper());
        });
    }

    private static Map<String, Object> count(KizunaContext ctx, Audiences audiences, Audience audience, ApiRequest r) {
        Channel channel = Channel.byKey(r.query("channel").orElse("mail"))
                .orElseThrow(() -> new InvalidInput("channel", "one-of", "mail, line"));
        Purpose purpose = "transactional".equals(r.query("purpose").orElse("marketing")) ? Purpose.TRANSACTIONAL
                : Purpose.MARKETING;
        long n = ctx.database().inTransaction(tx -> audiences.count(tx, audience, channel, purpose, ctx.clock().instant()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", n);
        out.put("channel", channel.key());
        return out;
    }

    private static Map<String, Object> preferences(KizunaContext ctx, Consents consents, String shopper) {
        Map<Channel, Boolean> granted = ctx.database().inTransaction(tx -> Members.find(tx, shopper)
                .map(m -> consents.of(tx, m)).orElseGet(() -> consents.of(tx, -1)));
        Map<String, Object> out = new LinkedHashMap<>();
        granted.forEach((c, g) -> out.put(c.key(), g));
        out.put("lineLinked", ctx.host().lineUserId(shopper).isPresent());
        return out;
    }
}
