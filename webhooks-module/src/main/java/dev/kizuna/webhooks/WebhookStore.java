package dev.kizuna.webhooks;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.DomainEventType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The SQL of subscriptions, messages and attempts. */
final class WebhookStore {

    /** A message whose turn it is (the oldest pending one of its customer and endpoint), with what sending needs. */
    record Outgoing(long messageId, String webhookId, long subscriptionId, String url, boolean includePii,
                    String secret, String previousSecret, Instant previousUntil, long memberId, String customerRef,
                    String type, Instant occurredAt, String data, int attempts, Instant retryFrom) {
    }

    private static final String SUBSCRIPTION_COLUMNS = """
            id, url, description, event_types, include_pii, status, failing_since, disabled_at, disabled_reason,
            previous_until, created_at, created_by""";

    private static Subscription subscription(ResultSet rs) throws SQLException {
        String[] types = (String[]) rs.getArray("event_types").getArray();
        return new Subscription(rs.getLong("id"), rs.getString("url"), rs.getString("description"),
                Arrays.stream(types).map(t -> DomainEventType.ofWire(t).orElseThrow()).toList(),
                rs.getBoolean("include_pii"), SubscriptionStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "failing_since"), Sql.instant(rs, "disabled_at"),
                rs.getString("disabled_reason") == null ? null : DisableReason.valueOf(rs.getString("disabled_reason")),
                Sql.instant(rs, "previous_until"), Sql.instant(rs, "created_at"), rs.getString("created_by"));
    }

    long nextId(Tx tx) {
        return tx.sql().nextId("webhook_subscription");
    }

    void insert(Tx tx, long id, String url, String description, List<DomainEventType> types, boolean includePii,
                String sealedSecret, Instant at, String actor) {
        Sql sql = tx.sql();
        sql.update("""
                INSERT INTO webhook_subscription (id, url, description, event_types, include_pii, secret, status,
                       created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, url, description,
                sql.textArray(types.stream().map(DomainEventType::wire).toArray(String[]::new)), includePii,
                sealedSecret, SubscriptionStatus.ACTIVE.name(), at, actor);
    }

    List<Subscription> all(Tx tx) {
        return tx.sql().list("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscription ORDER BY id",
                WebhookStore::subscription);
    }

    Optional<Subscription> find(Tx tx, long id, boolean lock) {
        return tx.sql().one("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscription WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""), WebhookStore::subscription, id);
    }

    /** The sealed current secret. */
    String secret(Tx tx, long id) {
        return tx.sql().one("SELECT secret FROM webhook_subscription WHERE id = ?", rs -> rs.getString(1), id).orElseThrow();
    }

    void rotate(Tx tx, long id, String sealedNew, String sealedPrevious, Instant previousUntil) {
        tx.sql().update("UPDATE webhook_subscription SET secret = ?, previous_secret = ?, previous_until = ? WHERE id = ?",
                sealedNew, sealedPrevious, previousUntil, id);
    }

    void status(Tx tx, long id, SubscriptionStatus status, Instant at, DisableReason reason) {
        boolean active = status == SubscriptionStatus.ACTIVE;
        tx.sql().update("""
                UPDATE webhook_subscription SET status = ?, disabled_at = ?, disabled_reason = ?,
                       failing_since = CASE WHEN ? THEN NULL ELSE failing_since END
                WHERE id = ?""", status.name(), active ? null : at, active || reason == null ? null : reason.name(), active, id);
    }

    void delete(Tx tx, long id) {
        tx.sql().update("DELETE FROM webhook_subscription WHERE id = ?", id);
    }

    /**
     * Takes up to {@code limit} domain events (oldest first, skipping those another node holds) and writes one message
     * per event and subscribed endpoint in the same statement, so an event leaves the outbox exactly when its
     * messages exist. Returns how many events were taken.
     */
    int fanOut(Tx tx, Instant now, int limit) {
        return (int) tx.sql().number("""
                WITH taken AS (
                  DELETE FROM domain_event WHERE id IN (
                    SELECT id FROM domain_event ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                  RETURNING id, type, member_id, occurred_at, data),
                m AS (
                  INSERT INTO webhook_message (subscription_id, msg_id, type, member_id, occurred_at, data, status,
                         next_attempt_at, retry_from, created_at)
                  SELECT s.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), t.type, t.member_id, t.occurred_at,
                         t.data, ?, ?, ?, ?
                  FROM taken t JOIN webhook_subscription s ON t.type = ANY (s.event_types)
                  ORDER BY t.id, s.id)
                SELECT count(*) FROM taken""",
                limit, DeliveryStatus.PENDING.name(), now, now, now);
    }

    /**
     * The messages due now that are the oldest pending one of their customer at an active endpoint: a customer's
     * later messages wait until the earlier one is delivered or dead, so each endpoint sees a customer's events in order.
     */
    List<Outgoing> due(Tx tx, Instant now, int limit) {
        return tx.sql().list("""
                SELECT h.id, h.msg_id, s.id, s.url, s.include_pii, s.secret, s.previous_secret, s.previous_until,
                       h.member_id, mb.customer_ref, h.type, h.occurred_at, h.data::text, h.attempts, h.retry_from
                FROM (SELECT DISTINCT ON (subscription_id, member_id) *
                      FROM webhook_message WHERE status = ? ORDER BY subscription_id, member_id, id) h
                JOIN webhook_subscription s ON s.id = h.subscription_id AND s.status = ?
                LEFT JOIN member mb ON mb.id = h.member_id
                WHERE h.next_attempt_at <= ?
                ORDER BY h.id LIMIT ?""",
                rs -> new Outgoing(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5),
                        rs.getString(6), rs.getString(7), Sql.instant(rs, "previous_until"), rs.getLong(9),
                        rs.getString(10), rs.getString(11), Sql.instant(rs, "occurred_at"), rs.getString(13),
                        rs.getInt(14), Sql.instant(rs, "retry_from")),
                DeliveryStatus.PENDING.name(), SubscriptionStatus.ACTIVE.name(), now, limit);
    }

    void attempt(Tx tx, long messageId, Delivery.Attempt a) {
        tx.sql().update("""
                INSERT INTO webhook_attempt (message_id, attempted_at, status_code, latency_ms, response_excerpt, error,
                       succeeded)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", messageId, a.at(), a.statusCode(), a.latencyMillis(),
                a.responseExcerpt(), a.error(), a.succeeded());
    }

    void delivered(Tx tx, Outgoing o, Instant at) {
        tx.sql().update("UPDATE webhook_message SET status = ?, attempts = attempts + 1, delivered_at = ? WHERE id = ?",
                DeliveryStatus.DELIVERED.name(), at, o.messageId());
        tx.sql().update("UPDATE webhook_subscription SET failing_since = NULL WHERE id = ?", o.subscriptionId());
    }

    void failed(Tx tx, Outgoing o, DeliveryStatus status, Instant next) {
        tx.sql().update("UPDATE webhook_message SET status = ?, attempts = attempts + 1, next_attempt_at = ? WHERE id = ?",
                status.name(), next, o.messageId());
    }

    /** Marks the endpoint failing from {@code at} if it was not; returns since when it has been failing. */
    Instant failing(Tx tx, long subscriptionId, Instant at) {
        return tx.sql().one("""
                UPDATE webhook_subscription SET failing_since = coalesce(failing_since, ?) WHERE id = ?
                RETURNING failing_since""", rs -> Sql.instant(rs, "failing_since"), at, subscriptionId).orElse(at);
    }

    /** A message with its customer and its last attempt, for the deliveries list. */
    private static final String DELIVERIES = """
            SELECT m.msg_id, m.type, mb.customer_ref, m.status, m.attempts, m.occurred_at, m.created_at,
                   m.next_attempt_at, m.delivered_at,
                   a.attempted_at, a.status_code, a.latency_ms, a.response_excerpt, a.error, a.succeeded
            FROM webhook_message m
            LEFT JOIN member mb ON mb.id = m.member_id
            LEFT JOIN LATERAL (SELECT * FROM webhook_attempt w WHERE w.message_id = m.id ORDER BY w.id DESC LIMIT 1) a
                   ON true
            """;

    List<Delivery> deliveries(Tx tx, long subscriptionId, Instant from, Instant to, int limit) {
        return tx.sql().list(DELIVERIES + """
                WHERE m.subscription_id = ? AND m.created_at >= ? AND m.created_at < ?
                ORDER BY m.id DESC LIMIT ?""", WebhookStore::delivery, subscriptionId, from, to, limit);
    }

    Optional<Delivery> delivery(Tx tx, long subscriptionId, String webhookId) {
        return tx.sql().one(DELIVERIES + """
                WHERE m.subscription_id = ? AND m.msg_id = ?""", WebhookStore::delivery, subscriptionId, webhookId);
    }

    List<Delivery.Attempt> attempts(Tx tx, long subscriptionId, String webhookId) {
        return tx.sql().list("""
                SELECT a.attempted_at, a.status_code, a.latency_ms, a.response_excerpt, a.error, a.succeeded
                FROM webhook_attempt a JOIN webhook_message m ON m.id = a.message_id
                WHERE m.subscription_id = ? AND m.msg_id = ? ORDER BY a.id""",
                rs -> attempt(rs), subscriptionId, webhookId);
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        Delivery.Attempt last = rs.getObject("attempted_at") == null ? null : attempt(rs);
        return new Delivery(rs.getString("msg_id"), rs.getString("type"), rs.getString("customer_ref"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), Sql.instant(rs, "occurred_at"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "delivered_at"), last);
    }

    private static Delivery.Attempt attempt(ResultSet rs) throws SQLException {
        Object code = rs.getObject("status_code");
        return new Delivery.Attempt(Sql.instant(rs, "attempted_at"), code == null ? null : ((Number) code).intValue(),
                rs.getLong("latency_ms"), rs.getString("response_excerpt"), rs.getString("error"), rs.getBoolean("succeeded"));
    }

    /**
     * Sends messages again with their own webhook-id: those of the endpoint created in {@code [from, to)}, or only the
     * one named. Each is pending again at once, its retries counted from now. Returns how many.
     */
    int replay(Tx tx, long subscriptionId, String webhookId, Instant from, Instant to, Instant now) {
        List<Object> params = new ArrayList<>(List.of(DeliveryStatus.PENDING.name(), now, now, subscriptionId));
        String which;
        if (webhookId != null) {
            which = "msg_id = ?";
            params.add(webhookId);
        } else {
            which = "created_at >= ? AND created_at < ?";
            params.add(from);
            params.add(to);
        }
        return tx.sql().update("UPDATE webhook_message SET status = ?, next_attempt_at = ?, retry_from = ?, attempts = 0"
                + " WHERE subscription_id = ? AND " + which, params.toArray());
    }

    /** Endpoints Kizuna disabled or that an admin left disabled, for the console's notice. */
    List<Subscription> disabled(Tx tx) {
        return tx.sql().list("SELECT " + SUBSCRIPTION_COLUMNS + " FROM webhook_subscription WHERE status = ? ORDER BY id",
                WebhookStore::subscription, SubscriptionStatus.DISABLED.name());
    }

    long backlog(Tx tx) {
        return tx.sql().number("SELECT count(*) FROM webhook_message WHERE status = ?", DeliveryStatus.PENDING.name());
    }
}
