package dev.kizuna.core.mirror;

import dev.kizuna.core.persistence.Tx;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Kizuna's members: its mirror of the host's customers, keyed internally by a dense {@code bigint} id (keyset
 * batches over millions of members) and externally by the host's customer id.
 */
public final class Members {
    private Members() {
    }

    public static Optional<Long> find(Tx tx, String customerRef) {
        String key = "member:" + customerRef;
        Optional<Long> known = tx.remembered(key, Long.class);
        if (known.isPresent()) {
            return known;
        }
        Optional<Long> id = tx.sql().one("SELECT id FROM member WHERE customer_ref = ?", rs -> rs.getLong(1), customerRef);
        id.ifPresent(v -> tx.remember(key, v));
        return id;
    }

    /** The member for a host customer, created as a placeholder when an order arrives before the registration. */
    public static long ensure(Tx tx, String customerRef) {
        return find(tx, customerRef).orElseGet(() -> {
            long id = tx.sql().one("""
                    INSERT INTO member (customer_ref) VALUES (?)
                    ON CONFLICT (customer_ref) DO UPDATE SET customer_ref = EXCLUDED.customer_ref RETURNING id""",
                    rs -> rs.getLong(1), customerRef).orElseThrow();
            tx.remember("member:" + customerRef, id);
            return id;
        });
    }

    /** {@link #ensure} for several customers in one statement; the map has every ref given. */
    public static Map<String, Long> ensureAll(Tx tx, Collection<String> customerRefs) {
        Map<String, Long> ids = new HashMap<>();
        // Sorted, so two transactions creating the same new members take their index entries in the same order.
        TreeSet<String> unknown = new TreeSet<>();
        for (String ref : customerRefs) {
            tx.remembered("member:" + ref, Long.class).ifPresentOrElse(id -> ids.put(ref, id), () -> unknown.add(ref));
        }
        if (unknown.isEmpty()) {
            return ids;
        }
        // Rows the statement inserts are not visible to its own SELECT from member, so no ref comes back twice.
        tx.sql().list("""
                WITH wanted AS (SELECT r FROM unnest(?::text[]) WITH ORDINALITY AS t(r, n) ORDER BY n),
                created AS (
                  INSERT INTO member (customer_ref)
                  SELECT r FROM wanted WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.customer_ref = wanted.r)
                  ON CONFLICT (customer_ref) DO UPDATE SET customer_ref = EXCLUDED.customer_ref RETURNING id, customer_ref)
                SELECT id, customer_ref FROM created
                UNION ALL SELECT id, customer_ref FROM member WHERE customer_ref = ANY(?::text[])""", rs -> {
            ids.put(rs.getString(2), rs.getLong(1));
            tx.remember("member:" + rs.getString(2), rs.getLong(1));
            return 1;
        }, tx.sql().textArray(unknown.toArray(String[]::new)), tx.sql().textArray(unknown.toArray(String[]::new)));
        return ids;
    }

    public static Optional<String> customerRef(Tx tx, long memberId) {
        return tx.sql().one("SELECT customer_ref FROM member WHERE id = ?", rs -> rs.getString(1), memberId);
    }
}
