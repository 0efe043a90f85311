package dev.kizuna.core.mirror;

import dev.kizuna.core.persistence.Tx;

import java.util.Optional;

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

    public static Optional<String> customerRef(Tx tx, long memberId) {
        return tx.sql().one("SELECT customer_ref FROM member WHERE id = ?", rs -> rs.getString(1), memberId);
    }

    /** Associated data for the member's encrypted birth date: binds the ciphertext to this member's row. */
    public static String birthDateContext(String customerRef) {
        return "member.birth_date:" + customerRef;
    }
}
