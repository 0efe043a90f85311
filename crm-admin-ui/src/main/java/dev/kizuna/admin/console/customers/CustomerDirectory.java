package dev.kizuna.admin.console.customers;

import dev.kizuna.core.crypto.BlindIndex;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Customer search over the core {@code member} mirror, whose names, e-mails and phones are ciphertext: by host
 * customer id or Kizuna member id (exact), by e-mail or phone number (exact, through their blind indexes) or by
 * the start of a name part or of the whole name (the name tokens' blind index), all index-backed so it stays quick
 * with millions of members. Exact hits come first, then name hits by member id. Pages are fetched one row beyond
 * the page size to know whether another page follows, without counting.
 */
public final class CustomerDirectory {
    public static final int PAGE_SIZE = 20;
    /** Enough digits to be a phone number rather than a member id typed in full. */
    private static final int PHONE_DIGITS = 9;

    private final Database db;
    private final SealedMembers members;

    public CustomerDirectory(Database db, SealedMembers members) {
        this.db = db;
        this.members = members;
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
        int wanted = offset + PAGE_SIZE + 1;
        List<Hit> rows = db.inTransaction(tx -> {
            Set<Long> ids = new LinkedHashSet<>();
            if (q.contains("@")) {
                ids.addAll(members.byEmail(tx, q));
            } else {
                Long id = q.matches("\\d{1,18}") ? Long.valueOf(q) : null;
                ids.addAll(tx.sql().list("SELECT id FROM member WHERE customer_ref = ? OR id = ? ORDER BY id",
                        rs -> rs.getLong(1), q, id));
                String digits = BlindIndex.normalisePhone(q);
                if (digits != null && digits.length() >= PHONE_DIGITS && q.matches("[+0-9０-９()\\s.-]+")) {
                    ids.addAll(members.byPhone(tx, q));
                }
                ids.addAll(members.byNamePrefix(tx, q, wanted));
            }
            List<Long> pageIds = ids.stream().skip(offset).limit(PAGE_SIZE + 1L).toList();
            Map<Long, Hit> hits = new HashMap<>();
            tx.sql().list(SELECT + " WHERE id = ANY(?)", this::map, tx.sql().longArray(pageIds.toArray(Long[]::new)))
                    .forEach(h -> hits.put(h.memberId(), h));
            return pageIds.stream().map(hits::get).toList();
        });
        boolean more = rows.size() > PAGE_SIZE;
        return new Results(q, p, more ? rows.subList(0, PAGE_SIZE) : rows, more);
    }

    private static final String SELECT = """
            SELECT id, customer_ref, email, display_name, locale, registered_at, erased_at FROM member
            """;

    private Hit map(ResultSet rs) throws SQLException {
        String ref = rs.getString(2);
        return new Hit(rs.getLong(1), ref, members.openEmail(ref, rs.getString(3)), members.openName(ref, rs.getString(4)),
                rs.getString(5), Sql.instant(rs, "registered_at"), rs.getTimestamp(7) != null);
    }
}
