package dev.kizuna.core.mirror;

import dev.kizuna.core.crypto.BlindIndex;
import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.crypto.NameTokens;
import dev.kizuna.core.persistence.Tx;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A member's personal data as the mirror keeps it: e-mail, name, phone and birth date are AES-GCM ciphertext bound
 * to the member's customer id, found again only through keyed blind indexes (the e-mail, the phone's digits, the
 * birthday's month and day, and the prefixes of the name in {@code member_name_token}). Every write recomputes all
 * of a member's indexes under the current index key and records its id, so a changed index key is recomputed row
 * by row by the {@code pii-key-rotation} job.
 */
public final class SealedMembers {
    private static final HexFormat HEX = HexFormat.of();

    private final FieldCipher cipher;
    private final BlindIndex index;

    public SealedMembers(FieldCipher cipher, BlindIndex index) {
        this.cipher = cipher;
        this.index = index;
    }

    /** The clear personal data of a member; any field may be null (unknown, or erased). */
    public record Pii(String email, String name, String phone, LocalDate birthDate) {
        public static final Pii NONE = new Pii(null, null, null, null);

        /** These values with the given ones over them, where given (an update's null means unchanged). */
        public Pii with(Pii newer) {
            return new Pii(newer.email != null ? newer.email : email, newer.name != null ? newer.name : name,
                    newer.phone != null ? newer.phone : phone, newer.birthDate != null ? newer.birthDate : birthDate);
        }
    }

    /** The associated data of a member's sealed field: binds the ciphertext to the field and the customer. */
    public static String context(String column, String customerRef) {
        return "member." + column + ":" + customerRef;
    }

    /** Opens the stored columns of one member row (as read by a query that selects them). */
    public Pii open(String customerRef, String email, String name, String phone, String birthDate) {
        String birth = cipher.open(birthDate, context("birth_date", customerRef));
        return new Pii(cipher.open(email, context("email", customerRef)), cipher.open(name, context("display_name", customerRef)),
                cipher.open(phone, context("phone", customerRef)), birth == null ? null : LocalDate.parse(birth));
    }

    public String openEmail(String customerRef, String email) {
        return cipher.open(email, context("email", customerRef));
    }

    public String openName(String customerRef, String name) {
        return cipher.open(name, context("display_name", customerRef));
    }

    public Pii read(Tx tx, long memberId) {
        return tx.sql().one("SELECT customer_ref, email, display_name, phone, birth_date FROM member WHERE id = ?",
                rs -> open(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                memberId).orElse(Pii.NONE);
    }

    /** Writes a member's personal data sealed, with every blind index recomputed under the current index key. */
    public void write(Tx tx, long memberId, String customerRef, Pii p) {
        boolean merged = tx.sql().one("""
                UPDATE member SET email = ?, display_name = ?, phone = ?, birth_date = ?,
                       email_index = ?::bytea, phone_index = ?::bytea, birthday_index = ?::bytea,
                       name_birth_index = ?::bytea, index_key = ?
                WHERE id = ? RETURNING merged_into IS NOT NULL""", rs -> rs.getBoolean(1),
                cipher.encrypt(p.email(), context("email", customerRef)),
                cipher.encrypt(p.name(), context("display_name", customerRef)),
                cipher.encrypt(p.phone(), context("phone", customerRef)),
                p.birthDate() == null ? null : cipher.encrypt(p.birthDate().toString(), context("birth_date", customerRef)),
                index.email(p.email()), index.phone(p.phone()),
                p.birthDate() == null ? null : index.birthday(p.birthDate().getMonthValue(), p.birthDate().getDayOfMonth()),
                index.nameAndBirthDate(p.name(), p.birthDate()), index.keyId(), memberId).orElse(false);
        tx.sql().update("DELETE FROM member_name_token WHERE member_id = ?", memberId);
        if (merged) {
            // a merged member keeps its sealed data, but only its survivor is found by e-mail, phone, name or birthday
            forget(tx, memberId);
            return;
        }
        Set<String> tokens = NameTokens.of(p.name());
        if (!tokens.isEmpty()) {
            tx.sql().update("""
                    INSERT INTO member_name_token (token, member_id)
                    SELECT DISTINCT decode(t, 'hex'), ? FROM unnest(?::text[]) AS t""",
                    memberId, tx.sql().textArray(tokens.stream().map(index::nameToken).map(HEX::formatHex).toArray(String[]::new)));
        }
    }

    /** Removes what finds an erased member by its personal data (the columns themselves are cleared by the caller). */
    public void forget(Tx tx, long memberId) {
        tx.sql().update("DELETE FROM member_name_token WHERE member_id = ?", memberId);
        tx.sql().update("""
                UPDATE member SET email_index = NULL, phone_index = NULL, birthday_index = NULL, name_birth_index = NULL
                WHERE id = ?""", memberId);
    }

    /** The members with this e-mail address (trimmed, any case). */
    public List<Long> byEmail(Tx tx, String email) {
        byte[] i = index.email(email);
        return i == null ? List.of() : tx.sql().list("SELECT id FROM member WHERE email_index = ? ORDER BY id",
                rs -> rs.getLong(1), (Object) i);
    }

    /** The members with this phone number (compared by its digits). */
    public List<Long> byPhone(Tx tx, String phone) {
        byte[] i = index.phone(phone);
        return i == null ? List.of() : tx.sql().list("SELECT id FROM member WHERE phone_index = ? ORDER BY id",
                rs -> rs.getLong(1), (Object) i);
    }

    /**
     * The members a part of whose name, or whose whole name, starts with the typed text, lowest id first. The
     * token table answers up to {@link NameTokens#MAX_PREFIX} characters; a longer text (or a token collision)
     * is checked on the decrypted names of those candidates, {@code limit} at a time.
     */
    public List<Long> byNamePrefix(Tx tx, String typed, int limit) {
        String q = NameTokens.query(typed);
        if (q.isEmpty()) {
            return List.of();
        }
        byte[] token = index.nameToken(q);
        List<Long> out = new ArrayList<>();
        long after = 0;
        while (out.size() < limit) {
            long from = after;
            List<Object[]> rows = tx.sql().list("""
                    SELECT m.id, m.customer_ref, m.display_name FROM member_name_token t JOIN member m ON m.id = t.member_id
                    WHERE t.token = ? AND t.member_id > ? ORDER BY t.member_id LIMIT ?""",
                    rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3)}, token, from, limit);
            for (Object[] r : rows) {
                after = (Long) r[0];
                if (NameTokens.matches(openName((String) r[1], (String) r[2]), typed) && out.size() < limit) {
                    out.add(after);
                }
            }
            if (rows.size() < limit) {
                break;
            }
        }
        return out;
    }

    /**
     * The birthday index of a day as hex, for selections such as
     * {@code birthday_index = ANY(ARRAY(SELECT decode(h, 'hex') FROM unnest(?::text[]) h))}.
     */
    public String birthdayIndex(MonthDay day) {
        return HEX.formatHex(index.birthday(day.getMonthValue(), day.getDayOfMonth()));
    }

    /**
     * Seals these members again: every field under the current encryption key (clear values written before
     * sealing included) and every index under the current index key. Rows already current are left alone.
     */
    public long reseal(Tx tx, List<Long> memberIds) {
        List<Object[]> stale = tx.sql().list("""
                SELECT id, customer_ref, email, display_name, phone, birth_date, index_key FROM member
                WHERE id = ANY(?) ORDER BY id FOR UPDATE""",
                rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)},
                tx.sql().longArray(memberIds.toArray(Long[]::new)));
        long changed = 0;
        for (Object[] r : stale) {
            boolean current = index.keyId().equals(r[6]) || (r[2] == null && r[3] == null && r[4] == null && r[5] == null);
            for (int i = 2; i <= 5; i++) {
                String v = (String) r[i];
                current &= v == null || (FieldCipher.isSealed(v) && !cipher.needsRotation(v));
            }
            if (!current) {
                String ref = (String) r[1];
                write(tx, (Long) r[0], ref, open(ref, (String) r[2], (String) r[3], (String) r[4], (String) r[5]));
                changed++;
            }
        }
        return changed;
    }
}
