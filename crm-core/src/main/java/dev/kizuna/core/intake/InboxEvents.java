package dev.kizuna.core.intake;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the event inbox holds, for the API's event list and the console's events that need attention. */
public final class InboxEvents {

    public record InboxEvent(String eventId, String type, String status, int attempts, String lastError,
                             Instant occurredAt, Instant receivedAt, String requires) {
    }

    private InboxEvents() {
    }

    /** The newest events, of one status or all. */
    public static List<InboxEvent> newest(Tx tx, Optional<String> status, int limit) {
        return tx.sql().list("""
                SELECT event_id, event_type, status, attempts, last_error, occurred_at, received_at, requires
                FROM event_inbox WHERE (?::text IS NULL OR status = ?) ORDER BY received_at DESC LIMIT ?""",
                InboxEvents::event, status.orElse(null), status.orElse(null), limit);
    }

    /** The newest events not applied: failed (retried), parked (waiting for their subject) and rejected (never). */
    public static List<InboxEvent> unsettled(Tx tx, int limit) {
        return tx.sql().list("""
                SELECT event_id, event_type, status, attempts, last_error, occurred_at, received_at, requires
                FROM event_inbox WHERE status IN ('FAILED', 'PARKED', 'REJECTED') ORDER BY received_at DESC LIMIT ?""",
                InboxEvents::event, limit);
    }

    private static InboxEvent event(ResultSet rs) throws SQLException {
        return new InboxEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                Sql.instant(rs, "occurred_at"), Sql.instant(rs, "received_at"), rs.getString(8));
    }
}
