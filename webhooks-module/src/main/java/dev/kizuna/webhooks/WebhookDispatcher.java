package dev.kizuna.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves domain events to endpoints: fans the outbox out into one message per subscribed endpoint, then sends each
 * customer's oldest pending message per endpoint, signed, and records the attempt. A failure waits
 * {@link WebhookSettings#backoffAfter} and is tried again until {@code retry-for} has passed (then the message is
 * dead and the customer's next one goes); an endpoint failing for {@code disable-after} is disabled. Requests are
 * made outside any transaction; one dispatcher runs at a time (the delivery job's cluster-wide lock).
 */
final class WebhookDispatcher {
    /** The payload format receivers parse; a change they would notice is a new version. */
    static final int PAYLOAD_VERSION = 1;

    private record Prepared(WebhookStore.Outgoing message, URI uri, List<String> secrets, String body) {
    }

    private final Database db;
    private final Clock clock;
    private final WebhookStore store;
    private final WebhookSettings settings;
    private final FieldCipher cipher;
    private final SealedMembers members;
    private final EndpointAddresses addresses;
    private final EndpointCalls calls;

    WebhookDispatcher(Database db, Clock clock, WebhookStore store, WebhookSettings settings, FieldCipher cipher,
                      SealedMembers members, EndpointAddresses addresses) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.settings = settings;
        this.cipher = cipher;
        this.members = members;
        this.addresses = addresses;
        this.calls = new EndpointCalls(settings.timeout(), settings.maxResponseBytes());
    }

    static String secretContext(long subscriptionId) {
        return "webhook_subscription.secret:" + subscriptionId;
    }

    /** Sends what is due until nothing is or {@code budget} has passed. */
    DeliveryRun deliverDue(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        int events = 0;
        int delivered = 0;
        int failed = 0;
        int dead = 0;
        int disabled = 0;
        while (System.nanoTime() < deadline) {
            events += fanOut();
            List<Prepared> due = db.inTransaction(tx -> {
                List<Prepared> out = new ArrayList<>();
                for (WebhookStore.Outgoing o : store.due(tx, clock.instant(), settings.batchSize())) {
                    out.add(prepare(tx, o));
                }
                return out;
            });
            if (due.isEmpty()) {
                break;
            }
            for (Prepared p : due) {
                switch (send(p)) {
                    case DELIVERED -> delivered++;
                    case RETRY -> failed++;
                    case DEAD -> dead++;
                    case DISABLED -> disabled++;
                }
            }
        }
        return new DeliveryRun(events, delivered, failed, dead, disabled);
    }

    private int fanOut() {
        int total = 0;
        int n;
        do {
            n = db.inTransaction(tx -> store.fanOut(tx, clock.instant(), settings.batchSize()));
            total += n;
        } while (n == settings.batchSize());
        return total;
    }

    /** The body as sent: the versioned envelope, ids and figures, and the name and e-mail only for an opted-in endpoint. */
    private Prepared prepare(Tx tx, WebhookStore.Outgoing o) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customerId", o.customerRef());
        data.putAll(read(o.data()));
        if (o.includePii()) {
            SealedMembers.Pii pii = members.read(tx, o.memberId());
            data.put("name", pii.name());
            data.put("email", pii.email());
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", o.type());
        envelope.put("version", PAYLOAD_VERSION);
        envelope.put("timestamp", o.occurredAt().toString());
        envelope.put("data", data);
        List<String> secrets = new ArrayList<>();
        secrets.add(cipher.decrypt(o.secret(), secretContext(o.subscriptionId())));
        if (o.previousSecret() != null && o.previousUntil() != null && o.previousUntil().isAfter(clock.instant())) {
            secrets.add(cipher.decrypt(o.previousSecret(), secretContext(o.subscriptionId())));
        }
        return new Prepared(o, URI.create(o.url()), secrets, Json.write(envelope));
    }

    private static Map<String, Object> read(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable domain event data", e);
        }
    }

    private enum Result { DELIVERED, RETRY, DEAD, DISABLED }

    private Result send(Prepared p) {
        WebhookStore.Outgoing o = p.message();
        Instant at = clock.instant();
        Optional<String> refused = addresses.refusal(p.uri());
        EndpointCalls.Outcome outcome;
        if (refused.isPresent()) {
            outcome = new EndpointCalls.Outcome(null, null, "address refused: " + refused.get(), 0);
        } else {
            long timestamp = Instant.now().getEpochSecond(); // the receiver compares it with its own clock
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", "application/json");
            headers.put("user-agent", "Kizuna-Webhooks/" + PAYLOAD_VERSION);
            headers.put("webhook-id", o.webhookId());
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", WebhookSignatures.header(p.secrets(), o.webhookId(), timestamp, p.body()));
            outcome = calls.post(p.uri(), headers, p.body());
        }
        EndpointCalls.Outcome result = outcome;
        return db.inTransaction(tx -> {
            store.attempt(tx, o.messageId(), new Delivery.Attempt(at, result.status(), result.latencyMillis(),
                    result.excerpt(), result.error(), result.succeeded()));
            if (result.succeeded()) {
                store.delivered(tx, o, at);
                return Result.DELIVERED;
            }
            Instant next = at.plus(settings.backoffAfter(o.attempts() + 1));
            boolean dead = next.isAfter(o.retryFrom().plus(settings.retryFor()));
            store.failed(tx, o, dead ? DeliveryStatus.DEAD : DeliveryStatus.PENDING, next);
            Instant since = store.failing(tx, o.subscriptionId(), at);
            if (!since.isAfter(at.minus(settings.disableAfter()))) {
                store.status(tx, o.subscriptionId(), SubscriptionStatus.DISABLED, at, DisableReason.FAILING);
                return Result.DISABLED;
            }
            return dead ? Result.DEAD : Result.RETRY;
        });
    }
}
