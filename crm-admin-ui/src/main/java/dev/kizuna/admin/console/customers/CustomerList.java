package dev.kizuna.admin.console.customers;

import dev.kizuna.core.console.CustomerFacet;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.crypto.BlindIndex;
import dev.kizuna.core.crypto.NameTokens;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customers list: every member, or those a search text finds, narrowed by the facets' filters and sorted by one
 * facet, a page at a time. It is one statement over {@code member m} with keyset paging: a page continues after the
 * last row of the one before on the sort's own index, so the 50th page costs what the first does, with a million
 * members as with ten. The search uses the blind indexes: an {@code @} means an exact e-mail, 9 or more digits a
 * phone number, and any text a customer id, member number or part of a name (its name tokens).
 */
public final class CustomerList {
    public static final int PAGE_SIZE = 20;
    /** Longer texts are refused: no name, e-mail or phone number is longer, and a search of a page's worth is a paste. */
    public static final int MAX_QUERY = 100;
    private static final int PHONE_DIGITS = 9;

    private final Database db;
    private final SealedMembers members;
    private final BlindIndex index;

    public CustomerList(Database db, SealedMembers members, BlindIndex index) {
        this.db = db;
        this.members = members;
        this.index = index;
    }

    /**
     * What to list: the search text (blank: everyone), the sort, the filters' conditions and where the page starts
     * ({@code after}: the cursor of the page before's last row, null for the first page).
     */
    public record Query(String text, CustomerFacet.Sorting sort, List<CustomerFacet.Condition> conditions, Cursor after) {
        public Query {
            text = text == null ? "" : text.strip();
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * Where a page starts: after a row with a sort value ({@code value}, {@code key}), or, once the members with a
     * value are through, after member {@code key} of those without one ({@code value} null).
     */
    public record Cursor(String value, long key) {
        public String token() {
            return value == null ? "n~" + key : "v~" + key + "~" + value;
        }

        public static Optional<Cursor> parse(String token) {
            if (token == null || token.isBlank()) {
                return Optional.empty();
            }
            String[] p = token.split("~", 3);
            try {
                if (p.length == 2 && p[0].equals("n")) {
                    return Optional.of(new Cursor(null, Long.parseLong(p[1])));
                }
                if (p.length == 3 && p[0].equals("v") && !p[2].isEmpty() && p[2].length() <= 64) {
                    return Optional.of(new Cursor(p[2], Long.parseLong(p[1])));
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }
    }

    /** One listed member, unmasked (the page masks for the support role), with each column facet's text. */
    public record Row(CustomerDirectory.Hit member, Map<String, String> cells) {
    }

    /** {@code next}: the cursor of the following page, null on the last. */
    public record Page(List<Row> rows, Cursor next) {
    }

    public Page page(Query q, List<CustomerFacet> columns, Messages messages, Formats formats) {
        return db.inTransaction(tx -> {
            List<CustomerFacet.Condition> where = new ArrayList<>(q.conditions());
            search(q.text()).ifPresent(where::add);
            List<Listed> found = listed(tx, q.sort(), where, q.after(), PAGE_SIZE + 1);
            boolean more = found.size() > PAGE_SIZE;
            List<Listed> shown = more ? found.subList(0, PAGE_SIZE) : found;
            Cursor next = more ? shown.get(shown.size() - 1).cursor() : null;
            List<Long> ids = shown.stream().map(Listed::id).toList();
            Map<Long, CustomerDirectory.Hit> hits = new HashMap<>();
            tx.sql().list(SELECT + " WHERE id = ANY(?)", this::hit, tx.sql().longArray(ids.toArray(Long[]::new)))
                    .forEach(h -> hits.put(h.memberId(), h));
            Map<String, Map<Long, String>> cells = new LinkedHashMap<>();
            for (CustomerFacet f : columns) {
                cells.put(f.key(), f.shown(tx, ids, messages, formats));
            }
            List<Row> rows = new ArrayList<>();
            for (Long id : ids) {
                CustomerDirectory.Hit h = hits.get(id);
                if (!found(h, q.text())) {
                    continue;
                }
                Map<String, String> c = new LinkedHashMap<>();
                cells.forEach((key, values) -> c.put(key, values.getOrDefault(id, "")));
                rows.add(new Row(h, c));
            }
            return new Page(rows, next);
        });
    }

    private record Listed(long id, Cursor cursor) {
    }

    /** The members with a sort value first (highest first), then the others (newest member first). */
    private static List<Listed> listed(Tx tx, CustomerFacet.Sorting sort, List<CustomerFacet.Condition> where,
                                       Cursor after, int limit) {
        List<Listed> out = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        StringBuilder filter = new StringBuilder();
        for (CustomerFacet.Condition c : where) {
            filter.append(" AND (").append(c.sql()).append(')');
            args.addAll(c.args());
        }
        if (after == null || after.value() != null) {
            List<Object> a = new ArrayList<>(args);
            String continues = "";
            if (after != null) {
                continues = " AND ((" + sort.value() + "), " + sort.key() + ") < (CAST(? AS " + sort.type() + "), ?)";
                a.add(after.value());
                a.add(after.key());
            }
            a.add(limit);
            out.addAll(tx.sql().list("SELECT m.id, (" + sort.value() + ")::text, " + sort.key() + " FROM member m "
                            + sort.join() + " WHERE (" + sort.value() + ") IS NOT NULL" + filter + continues
                            + " ORDER BY " + sort.value() + " DESC, " + sort.key() + " DESC LIMIT ?",
                    rs -> new Listed(rs.getLong(1), new Cursor(rs.getString(2), rs.getLong(3))), a.toArray()));
        }
        if (out.size() < limit) {
            List<Object> a = new ArrayList<>(args);
            String continues = "";
            if (after != null && after.value() == null) {
                continues = " AND m.id < ?";
                a.add(after.key());
            }
            a.add(limit - out.size());
            out.addAll(tx.sql().list("SELECT m.id FROM member m WHERE (" + sort.absent() + ")" + filter + continues
                            + " ORDER BY m.id DESC LIMIT ?",
                    rs -> new Listed(rs.getLong(1), new Cursor(null, rs.getLong(1))), a.toArray()));
        }
        return out;
    }

    /** The search text as a condition on the blind indexes; empty for none. */
    Optional<CustomerFacet.Condition> search(String q) {
        if (q.isEmpty()) {
            return Optional.empty();
        }
        if (q.contains("@")) {
            byte[] email = index.email(q);
            return Optional.of(email == null ? CustomerFacet.Condition.of("false")
                    : CustomerFacet.Condition.of("m.email_index = ?", (Object) email));
        }
        // One set of ids from index lookups, so a sorted page joins a few candidates instead of testing every member.
        StringBuilder sql = new StringBuilder("SELECT id FROM member WHERE customer_ref = ?");
        List<Object> args = new ArrayList<>(List.of(q));
        if (q.matches("\\d{1,18}")) {
            sql.append(" UNION SELECT CAST(? AS bigint)");
            args.add(Long.valueOf(q));
        }
        String digits = BlindIndex.normalisePhone(q);
        if (digits != null && digits.length() >= PHONE_DIGITS && q.matches("[+0-9０-９()\\s.-]+")) {
            byte[] phone = index.phone(q);
            if (phone != null) {
                sql.append(" UNION SELECT id FROM member WHERE phone_index = ?");
                args.add(phone);
            }
        }
        String token = NameTokens.query(q);
        if (!token.isEmpty()) {
            sql.append(" UNION SELECT member_id FROM member_name_token WHERE token = ?");
            args.add(index.nameToken(token));
        }
        return Optional.of(new CustomerFacet.Condition("m.id IN (" + sql + ")", args));
    }

    /**
     * Whether a row the indexes found is a hit: the name token stands for the typed text's first characters only,
     * so a longer text (or a token collision) is checked on the decrypted name.
     */
    private static boolean found(CustomerDirectory.Hit h, String q) {
        if (h == null) {
            return false;
        }
        if (q.isEmpty() || q.contains("@") || q.equals(h.customerRef()) || q.equals(Long.toString(h.memberId()))
                || q.matches("[+0-9０-９()\\s.-]+")) {
            return true;
        }
        return NameTokens.matches(h.displayName(), q);
    }

    private static final String SELECT = """
            SELECT id, customer_ref, email, display_name, locale, registered_at, erased_at FROM member
            """;

    private CustomerDirectory.Hit hit(ResultSet rs) throws SQLException {
        String ref = rs.getString(2);
        return new CustomerDirectory.Hit(rs.getLong(1), ref, members.openEmail(ref, rs.getString(3)),
                members.openName(ref, rs.getString(4)), rs.getString(5), Sql.instant(rs, "registered_at"),
                rs.getTimestamp(7) != null);
    }
}
