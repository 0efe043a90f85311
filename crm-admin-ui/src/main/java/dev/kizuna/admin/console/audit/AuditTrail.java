package dev.kizuna.admin.console.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;

import java.time.Instant;
import java.util.List;

/**
 * Reads the core audit log for the console, newest first, filtered by who, what and which subject, in keyset pages
 * ({@code before} an entry id) so paging stays quick however long the log grows.
 */
public final class AuditTrail {
    public static final int PAGE_SIZE = 50;

    private final Database db;

    private final AuditLog audit;

    public AuditTrail(Database db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** An entry with its before/after pretty-printed for reading. */
    public record Entry(long id, Instant at, String actor, String action, String subject, String before, String after) {
    }

    public record Filter(String actor, String action, String subject) {
    }

    /** {@code next}: the id to pass as {@code before} for the following page, or null on the last page. */
    public record Page(List<Entry> entries, Long next) {
    }

    public Page page(Filter filter, Long before) {
        List<Entry> rows = db.inTransaction(tx -> tx.sql().list("""
                SELECT id, at, actor, action, subject, before::text, after::text FROM audit_log
                WHERE (?::bigint IS NULL OR id < ?)
                  AND (?::text IS NULL OR actor = ?)
                  AND (?::text IS NULL OR action LIKE ? ESCAPE '\\')
                  AND (?::text IS NULL OR subject = ?)
                ORDER BY id DESC LIMIT ?""",
                rs -> new Entry(rs.getLong(1), Sql.instant(rs, "at"), rs.getString(3), rs.getString(4), rs.getString(5),
                        pretty(audit.open(rs.getLong(1), "before", rs.getString(6))),
                        pretty(audit.open(rs.getLong(1), "after", rs.getString(7)))),
                before, before, filter.actor(), filter.actor(),
                filter.action(), filter.action() == null ? null : like(filter.action()) + "%",
                filter.subject(), filter.subject(), PAGE_SIZE + 1));
        boolean more = rows.size() > PAGE_SIZE;
        List<Entry> page = more ? rows.subList(0, PAGE_SIZE) : rows;
        return new Page(page, more ? page.get(page.size() - 1).id() : null);
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String pretty(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
