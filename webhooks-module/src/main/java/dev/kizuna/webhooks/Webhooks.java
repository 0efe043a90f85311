package dev.kizuna.webhooks;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.DomainEventType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The webhooks an admin manages, through the API and the console: subscribe an endpoint, rotate its secret, disable
 * or enable it, remove it, list its deliveries and replay one or those of a time range. Every change is audited.
 */
public final class Webhooks {
    public static final int MAX_DESCRIPTION = 200;
    static final int MAX_SUBSCRIPTIONS = 100;

    private final Database db;
    private final Clock clock;
    private final WebhookStore store;
    private final WebhookSettings settings;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final EndpointAddresses addresses;
    private final WebhookDispatcher dispatcher;

    Webhooks(Database db, Clock clock, WebhookStore store, WebhookSettings settings, FieldCipher cipher, AuditLog audit,
             EndpointAddresses addresses, WebhookDispatcher dispatcher) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.settings = settings;
        this.cipher = cipher;
        this.audit = audit;
        this.addresses = addresses;
        this.dispatcher = dispatcher;
    }

    /** Checks the draft whole (endpoint, types, description) before anything is written; returns the secret once. */
    public SubscriptionSecret subscribe(SubscriptionDraft draft, String actor) {
        String url = addresses.check("url", draft.url()).toString();
        List<DomainEventType> types = eventTypes(draft.eventTypes());
        String description = draft.description() == null || draft.description().isBlank() ? null : draft.description().strip();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new InvalidInput("description", "too-long", MAX_DESCRIPTION);
        }
        boolean pii = Boolean.TRUE.equals(draft.includePii());
        String secret = WebhookSignatures.newSecret();
        return db.inTransaction(tx -> {
            if (store.all(tx).size() >= MAX_SUBSCRIPTIONS) {
                throw new InvalidInput("url", "webhook.too-many", MAX_SUBSCRIPTIONS);
            }
            long id = store.nextId(tx);
            Instant now = clock.instant();
            store.insert(tx, id, url, description, types, pii, cipher.encrypt(secret, WebhookDispatcher.secretContext(id)),
                    now, actor);
            Subscription s = store.find(tx, id, false).orElseThrow();
            audit.record(tx, actor, "webhook.subscribe", "webhook:" + id, null,
                    Map.of("url", url, "eventTypes", s.eventTypeNames(), "includePii", pii));
            return new SubscriptionSecret(s, secret);
        });
    }

    private static List<DomainEventType> eventTypes(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidInput("eventTypes", "required");
        }
        Set<DomainEventType> types = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int at = i;
            types.add(DomainEventType.ofWire(name == null ? "" : name).orElseThrow(() ->
                    new InvalidInput("eventTypes[" + at + "]", "webhook.unknown-event-type")));
        }
        return new ArrayList<>(types);
    }

    public List<Subscription> subscriptions() {
        return db.inTransaction(store::all);
    }

    public Subscription subscription(long id) {
        return db.inTransaction(tx -> store.find(tx, id, false)).orElseThrow(() -> missing(id));
    }

    public Optional<Subscription> find(long id) {
        return db.inTransaction(tx -> store.find(tx, id, false));
    }

    /** A new current secret; the old one keeps signing (a second signature) for {@code secret-overlap}. */
    public SubscriptionSecret rotateSecret(long id, String actor) {
        String secret = WebhookSignatures.newSecret();
        return db.inTransaction(tx -> {
            store.find(tx, id, true).orElseThrow(() -> missing(id));
            Instant now = clock.instant();
            store.rotate(tx, id, cipher.encrypt(secret, WebhookDispatcher.secretContext(id)), store.secret(tx, id),
                    now.plus(settings.secretOverlap()));
            audit.record(tx, actor, "webhook.rotate-secret", "webhook:" + id, null, null);
            return new SubscriptionSecret(store.find(tx, id, false).orElseThrow(), secret);
        });
    }

    public Subscription enable(long id, String actor) {
        return status(id, SubscriptionStatus.ACTIVE, actor);
    }

    public Subscription disable(long id, String actor) {
        return status(id, SubscriptionStatus.DISABLED, actor);
    }

    private Subscription status(long id, SubscriptionStatus status, String actor) {
        return db.inTransaction(tx -> {
            Subscription before = store.find(tx, id, true).orElseThrow(() -> missing(id));
            store.status(tx, id, status, clock.instant(), DisableReason.ADMIN);
            audit.record(tx, actor, status == SubscriptionStatus.ACTIVE ? "webhook.enable" : "webhook.disable",
                    "webhook:" + id, Map.of("status", before.status()), Map.of("status", status));
            return store.find(tx, id, false).orElseThrow();
        });
    }

    public void remove(long id, String actor) {
        db.execute(tx -> {
            Subscription before = store.find(tx, id, true).orElseThrow(() -> missing(id));
            store.delete(tx, id);
            audit.record(tx, actor, "webhook.remove", "webhook:" + id, Map.of("url", before.url()), null);
        });
    }

    /** The endpoint's messages created in {@code [from, to)}, newest first. */
    public List<Delivery> deliveries(long id, Instant from, Instant to, int limit) {
        return db.inTransaction(tx -> {
            store.find(tx, id, false).orElseThrow(() -> missing(id));
            return store.deliveries(tx, id, from, to, limit);
        });
    }

    public Delivery delivery(long id, String webhookId) {
        return db.inTransaction(tx -> store.delivery(tx, id, webhookId))
                .orElseThrow(() -> new NotFound("no delivery " + webhookId + " of webhook " + id));
    }

    public List<Delivery.Attempt> attempts(long id, String webhookId) {
        delivery(id, webhookId);
        return db.inTransaction(tx -> store.attempts(tx, id, webhookId));
    }

    /** Sends one message again with its own webhook-id. */
    public void replay(long id, String webhookId, String actor) {
        db.execute(tx -> {
            store.find(tx, id, true).orElseThrow(() -> missing(id));
            if (store.replay(tx, id, webhookId, null, null, clock.instant()) == 0) {
                throw new NotFound("no delivery " + webhookId + " of webhook " + id);
            }
            audit.record(tx, actor, "webhook.replay", "webhook:" + id, null, Map.of("webhookId", webhookId));
        });
    }

    /** Sends again every message of the endpoint created in {@code [from, to)}; returns how many. */
    public int replay(long id, Instant from, Instant to, String actor) {
        if (from == null) {
            throw new InvalidInput("from", "required");
        }
        if (to == null) {
            throw new InvalidInput("to", "required");
        }
        if (!to.isAfter(from)) {
            throw new InvalidInput("to", "webhook.range-empty");
        }
        return db.inTransaction(tx -> {
            store.find(tx, id, true).orElseThrow(() -> missing(id));
            int n = store.replay(tx, id, null, from, to, clock.instant());
            audit.record(tx, actor, "webhook.replay", "webhook:" + id, null,
                    Map.of("from", from.toString(), "to", to.toString(), "messages", n));
            return n;
        });
    }

    /** Endpoints that are disabled, for the console's notice. */
    public List<Subscription> disabled() {
        return db.inTransaction(store::disabled);
    }

    public long backlog() {
        return db.inTransaction(store::backlog);
    }

    /** Fans out and sends what is due now (the delivery job's work; tests call it to deliver at once). */
    public DeliveryRun deliverDue() {
        return dispatcher.deliverDue(Duration.ofSeconds(50));
    }

    private static NotFound missing(long id) {
        return new NotFound("no webhook " + id);
    }
}
