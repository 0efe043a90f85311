package dev.kizuna.admin.console.customers;

import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Customer search over the core {@code member} mirror: by host customer id or Kizuna member id (exact), by e-mail
 * (exact on {@code lower(email)}, or by prefix) or by name prefix, all index-backed so it stays quick with millions of
 * members. Pages are fetched one row beyond the page size to know whether another page follows, without counting.
 */
public final class CustomerDirectory {
    public static final int PAGE_SIZE = 20;

    private final Database db;

    public CustomerDirectory(Database db) {
        this.db = db;
    }

    /** One search hit, unmasked (the caller masks for the support role). */
    public record Hit(long memberId, String customerRef, String email, String displayName, String locale,
                      Instant registeredAt, boolean erased) {
    }

    /** {@code hasMore}: a further page exists. */
    public record Results(String query, int page, List<Hit> hits, boolean hasMore) {
    }

    public Results search(String rawQuery, int page) {
        String q = rawQuery == null ? "" : rawQuery.strip();
        int p = Math.max(page, 1);
        if (q.isEmpty()) {
            return new Results(q, p, List.of(), false);
        }
        int offset = (p - 1) * PAGE_SIZE;
        List<Hit> rows = db.inTransaction(tx -> {
            String lower = q.toLowerCase(Locale.ROOT);
            String prefix = likeEscape(lower) + "%";
            if (q.contains("@")) {
                // An address: exact match first (the core index), then addresses starting with what was typed.
                return tx.sql().list(SELECT + """
                        WHERE lower(email) = ? OR lower(email) LIKE ?
                        ORDER BY (lower(email) = ?) DESC, id LIMIT ? OFFSET ?""",
                        CustomerDirectory::map, lower, prefix, lower, PAGE_SIZE + 1, offset);
            }
            Long id = q.matches("\\d{1,18}") ? Long.valueOf(q) : null;
            return tx.sql().list(SELECT + """
                    WHERE customer_ref = ? OR id = ? OR lower(display_name) LIKE ? OR lower(email) LIKE ?
                    ORDER BY (customer_ref = ? OR id = ?) DESC, id LIMIT ? OFFSET ?""",
                    CustomerDirectory::map, q, id, prefix, prefix, q, id, PAGE_SIZE + 1, offset);
        });
        boolean more = rows.size() > PAGE_SIZE;
        return new Results(q, p, more ? rows.subList(0, PAGE_SIZE) : rows, more);
    }

    /** {@code %}, {@code _} and the escape character itself are literal in a search box. */
    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static final String SELECT = """
            SELECT id, customer_ref, email, display_name, locale, registered_at, erased_at FROM member
            """;

    private static Hit map(ResultSet rs) throws SQLException {
        return new Hit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Sql.instant(rs, "registered_at"), rs.getTimestamp(7) != null);
    }
}
