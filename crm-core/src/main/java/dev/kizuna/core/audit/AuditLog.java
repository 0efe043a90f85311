package dev.kizuna.core.audit;

import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who changed what, with before and after, written in the transaction of the change itself. An entry about a
 * customer (subject {@code customer:<id>}) carries what staff wrote about the person (the reason for revealing
 * personal data, for adjusting points), so its before and after are stored sealed: a JSON string holding the
 * {@link FieldCipher} ciphertext of the document, bound to the entry. Entries about configuration stay readable JSON.
 */
public final class AuditLog {
    private final FieldCipher cipher;

    public AuditLog(FieldCipher cipher) {
        this.cipher = cipher;
    }

    public record Entry(long id, Instant at, String actor, String action, String subject, String before, String after) {
    }

    public void record(Tx tx, String actor, String action, String subject, Object before, Object after) {
        long id = tx.sql().nextId("audit_log");
        boolean sealed = aboutCustomer(subject);
        tx.sql().update("""
                INSERT INTO audit_log (id, actor, action, subject, before, after) OVERRIDING SYSTEM VALUE
                VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)""",
                id, actor, action, subject, document(id, "before", before, sealed), document(id, "after", after, sealed));
    }

    private String document(long id, String column, Object value, boolean sealed) {
        if (value == null) {
            return null;
        }
        String json = Json.write(value);
        return sealed ? Json.write(cipher.encrypt(json, context(column, id))) : json;
    }

    private static boolean aboutCustomer(String subject) {
        return subject != null && subject.startsWith("customer:");
    }

    private static String context(String column, long id) {
        return "audit_log." + column + ":" + id;
    }

    /** The JSON text of a stored before or after ({@code column}), opened when sealed. */
    public String open(long id, String column, String storedJson) {
        if (storedJson == null || !storedJson.startsWith("\"v1.")) {
            return storedJson;
        }
        return cipher.open(Json.read(storedJson, String.class), context(column, id));
    }

    public List<Entry> newest(Tx tx, int limit, int offset) {
        return tx.sql().list("""
                SELECT id, at, actor, action, subject, before::text, after::text FROM audit_log
                ORDER BY id DESC LIMIT ? OFFSET ?""",
                rs -> new Entry(rs.getLong(1), Sql.instant(rs, "at"), rs.getString(3), rs.getString(4),
                        rs.getString(5), open(rs.getLong(1), "before", rs.getString(6)),
                        open(rs.getLong(1), "after", rs.getString(7))), limit, offset);
    }

    /** Seals the entries about these members again under the current key (and entries written before sealing). */
    public long reseal(Tx tx, List<Long> memberIds) {
        List<Object[]> rows = tx.sql().list("""
                SELECT a.id, a.before::text, a.after::text FROM audit_log a
                JOIN member m ON a.subject = 'customer:' || m.customer_ref
                WHERE m.id = ANY(?) ORDER BY a.id FOR UPDATE OF a""",
                rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3)},
                tx.sql().longArray(memberIds.toArray(Long[]::new)));
        long changed = 0;
        for (Object[] r : rows) {
            long id = (Long) r[0];
            String before = resealed(id, "before", (String) r[1]);
            String after = resealed(id, "after", (String) r[2]);
            if (!Objects.equals(before, r[1]) || !Objects.equals(after, r[2])) {
                tx.sql().update("UPDATE audit_log SET before = ?::jsonb, after = ?::jsonb WHERE id = ?", before, after, id);
                changed++;
            }
        }
        return changed;
    }

    private String resealed(long id, String column, String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith("\"v1.")) {
            return Json.write(cipher.encrypt(stored, context(column, id)));
        }
        String sealed = Json.read(stored, String.class);
        String again = cipher.reseal(sealed, context(column, id));
        return again.equals(sealed) ? stored : Json.write(again);
    }
}
