package dev.kizuna.core.audit;

import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.List;

/** Who changed what, with before and after, written in the transaction of the change itself. */
public final class AuditLog {

    public record Entry(long id, Instant at, String actor, String action, String subject, String before, String after) {
    }

    public void record(Tx tx, String actor, String action, String subject, Object before, Object after) {
        tx.sql().update("INSERT INTO audit_log (actor, action, subject, before, after) VALUES (?, ?, ?, ?::jsonb, ?::jsonb)",
                actor, action, subject, before == null ? null : Json.write(before), after == null ? null : Json.write(after));
    }

    public List<Entry> newest(Tx tx, int limit, int offset) {
        return tx.sql().list("""
                SELECT id, at, actor, action, subject, before::text, after::text FROM audit_log
                ORDER BY id DESC LIMIT ? OFFSET ?""",
                rs -> new Entry(rs.getLong(1), Sql.instant(rs, "at"), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)), limit, offset);
    }
}
