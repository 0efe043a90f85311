package dev.kizuna.core.mail;

import dev.kizuna.core.console.PiiMask;
import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.crypto.SealedData;
import dev.kizuna.core.persistence.CopyRows;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.templates.Templates;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every mail Kizuna sends is rendered and written here in the same transaction as what caused it (a coupon
 * issued, an invitation due), so a mail is never sent for something that rolled back nor lost for something that
 * committed. {@link MailDeliveryJob} sends it. The address, subject, body and last error are AES-GCM ciphertext bound
 * to the mail's row; {@link MailPurgeJob} blanks them once the mail is sent or dead for the retention period.
 */
public final class MailOutbox {
    private static final List<String> SEALED = List.of("to_address", "subject", "body_html", "last_error");

    private final Templates templates;
    private final Clock clock;
    private final FieldCipher cipher;

    public MailOutbox(Templates templates, Clock clock, FieldCipher cipher) {
        this.templates = templates;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** The associated data of a mail's sealed column: binds the ciphertext to the column and the row. */
    static String context(String column, long id) {
        return "mail_outbox." + column + ":" + id;
    }

    String seal(String column, long id, String value) {
        return cipher.encrypt(value, context(column, id));
    }

    /**
     * @param template  e.g. {@code birthday-coupon}: renders {@code mail/birthday-coupon_<locale>.ftlh}, which assigns {@code subject}
     * @param dedupeKey at most one mail per key, ever (e.g. {@code birthday:42:2026}); null for none
     * @return whether a mail was written (false when the dedupe key was already used)
     */
    public boolean enqueue(Tx tx, Long memberId, String to, String locale, String template, Map<String, ?> model,
                           String dedupeKey) {
        Templates.Rendered r = templates.renderCapturing("mail/" + template + ".ftlh", Locale.forLanguageTag(locale),
                model, "subject");
        String subject = r.get("subject").orElseThrow(() ->
                new IllegalStateException("mail template " + template + " assigns no subject"));
        // Due at once in shop time: MailDeliveryJob compares due times with the same clock.
        Instant now = clock.instant();
        // The id first, so the sealed columns can be bound to their row as they are written.
        long id = tx.sql().nextId("mail_outbox");
        return tx.sql().update("""
                INSERT INTO mail_outbox (id, dedupe_key, member_id, to_address, locale, template, subject, body_html,
                                         status, created_at, next_attempt_at)
                OVERRIDING SYSTEM VALUE
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING""",
                id, dedupeKey, memberId, seal("to_address", id, to), locale, template,
                seal("subject", id, subject.strip()), seal("body_html", id, r.body()), now, now) > 0;
    }

    /** A mail its feature rendered itself (a merchant's own template), to be written as it is. */
    public record Rendered(Long memberId, String to, String locale, String template, String subject, String bodyHtml,
                           String dedupeKey) {
    }

    /**
     * Writes many rendered mails in one statement (a broadcast's batch), sealed as {@link #enqueue} seals them.
     * Returns the outbox id of each mail in order, null where its dedupe key was already used.
     */
    public List<Long> enqueueRendered(Tx tx, List<Rendered> mails) {
        return write(tx, seal(tx, mails));
    }

    /**
     * Mails given their outbox ids and sealed, not yet written: the CPU work of a batch, which a sender can do
     * before (and beside) the transaction that writes the batch.
     */
    public static final class Sealed {
        private final Long[] id;
        private final Long[] member;
        private final String[] to;
        private final String[] locale;
        private final String[] template;
        private final String[] subject;
        private final String[] body;
        private final String[] dedupe;

        private Sealed(int n) {
            this(new Long[n], new Long[n], new String[n], new String[n], new String[n], new String[n], new String[n],
                    new String[n]);
        }

        private Sealed(Long[] id, Long[] member, String[] to, String[] locale, String[] template, String[] subject,
                       String[] body, String[] dedupe) {
            this.id = id;
            this.member = member;
            this.to = to;
            this.locale = locale;
            this.template = template;
            this.subject = subject;
            this.body = body;
            this.dedupe = dedupe;
        }

        public int size() {
            return id.length;
        }

        /** The mails at the positions set in {@code keep}, in order (those still to be sent when the batch is written). */
        public Sealed only(java.util.BitSet keep) {
            if (keep.cardinality() == id.length && keep.nextClearBit(0) >= id.length) {
                return this;
            }
            Sealed s = new Sealed(keep.cardinality());
            int j = 0;
            for (int i = keep.nextSetBit(0); i >= 0 && i < id.length; i = keep.nextSetBit(i + 1)) {
                s.id[j] = id[i];
                s.member[j] = member[i];
                s.to[j] = to[i];
                s.locale[j] = locale[i];
                s.template[j] = template[i];
                s.subject[j] = subject[i];
                s.body[j] = body[i];
                s.dedupe[j] = dedupe[i];
                j++;
            }
            return s;
        }
    }

    /** Gives each mail its outbox id and seals its address, subject and body to that row, as {@link #enqueue} does. */
    public Sealed seal(Tx tx, List<Rendered> mails) {
        int n = mails.size();
        Sealed s = new Sealed(n);
        if (n == 0) {
            return s;
        }
        List<Long> ids = tx.sql().nextIds("mail_outbox", n);
        ids.toArray(s.id);
        // sealing is CPU work on independent values (a cipher per call): the batch's mails seal in parallel
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            Rendered m = mails.get(i);
            s.member[i] = m.memberId();
            s.to[i] = seal("to_address", s.id[i], m.to());
            s.locale[i] = m.locale();
            s.template[i] = m.template();
            s.subject[i] = seal("subject", s.id[i], m.subject().strip());
            s.body[i] = seal("body_html", s.id[i], m.bodyHtml());
            s.dedupe[i] = m.dedupeKey();
        });
        return s;
    }

    /**
     * Writes sealed mails in one statement. Returns the outbox id of each mail in order, null where its dedupe key
     * was already used.
     */
    public List<Long> write(Tx tx, Sealed s) {
        if (s.size() == 0) {
            return List.of();
        }
        Instant now = clock.instant();
        java.util.Set<Long> written = new java.util.HashSet<>(tx.sql().list("""
                INSERT INTO mail_outbox (id, dedupe_key, member_id, to_address, locale, template, subject, body_html,
                                         status, created_at, next_attempt_at)
                OVERRIDING SYSTEM VALUE
                SELECT i, d, mb, t, l, tp, s, b, 'PENDING', ?, ?
                FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     AS u(i, d, mb, t, l, tp, s, b)
                ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id""", rs -> rs.getLong(1), now, now,
                tx.sql().longArray(s.id), tx.sql().textArray(s.dedupe), tx.sql().longArray(s.member),
                tx.sql().textArray(s.to), tx.sql().textArray(s.locale), tx.sql().textArray(s.template),
                tx.sql().textArray(s.subject), tx.sql().textArray(s.body)));
        List<Long> result = new java.util.ArrayList<>(s.size());
        for (Long i : s.id) {
            result.add(written.contains(i) ? i : null);
        }
        return result;
    }

    /**
     * Writes sealed mails that need no dedupe look-up (no key, or one new by construction) with one COPY, the fastest
     * way in for a broadcast's batch; a key used before fails the statement. Returns their outbox ids in order.
     */
    public List<Long> writeNew(Tx tx, Sealed s) {
        if (s.size() == 0) {
            return List.of();
        }
        Instant now = clock.instant();
        CopyRows.copy(tx, """
                COPY mail_outbox (id, dedupe_key, member_id, to_address, locale, template, subject, body_html, status,
                                  created_at, next_attempt_at) FROM STDIN (FORMAT binary)""", 11, rows -> {
            for (int i = 0; i < s.size(); i++) {
                rows.row().add(s.id[i]).add(s.dedupe[i]).add(s.member[i]).add(s.to[i]).add(s.locale[i])
                        .add(s.template[i]).add(s.subject[i]).add(s.body[i]).add("PENDING").add(now).add(now);
            }
        });
        return List.of(s.id);
    }

    /** A mail as read back, opened; a purged mail has empty address, subject and body. */
    public record OutgoingMail(long id, String to, String locale, String template, String subject, String bodyHtml,
                               String status, int attempts, String lastError, Instant createdAt, Instant sentAt,
                               Long memberId) {
        /**
         * The mail as a role without full access sees it: the address masked, nothing of subject, body (which can
         * carry a working survey link or coupon code) or error.
         */
        public OutgoingMail masked() {
            return new OutgoingMail(id, PiiMask.email(to), locale, template, PiiMask.hidden(subject), null, status,
                    attempts, PiiMask.hidden(lastError), createdAt, sentAt, memberId);
        }
    }

    public List<OutgoingMail> newest(Tx tx, int limit, int offset) {
        return tx.sql().list(SELECT + " ORDER BY id DESC LIMIT ? OFFSET ?", this::map, limit, offset);
    }

    public List<OutgoingMail> forMember(Tx tx, long memberId, int limit) {
        return tx.sql().list(SELECT + " WHERE member_id = ? ORDER BY id DESC LIMIT ?", this::map, memberId, limit);
    }

    static final String SELECT = """
            SELECT id, to_address, locale, template, subject, body_html, status, attempts, last_error, created_at,
                   sent_at, member_id FROM mail_outbox""";

    OutgoingMail map(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        long member = rs.getLong(12);
        Long memberId = rs.wasNull() ? null : member;
        return new OutgoingMail(id, open(rs, 2, id), rs.getString(3), rs.getString(4), open(rs, 5, id),
                open(rs, 6, id), rs.getString(7), rs.getInt(8), open(rs, 9, id), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "sent_at"), memberId);
    }

    private String open(ResultSet rs, int column, long id) throws SQLException {
        return cipher.open(rs.getString(column), context(rs.getMetaData().getColumnLabel(column), id));
    }

    /**
     * Erasure: the member's mails lose address, subject, body and error at once (as a purge does), and those not yet
     * sent are given up, so nothing goes out to a customer who asked to be forgotten.
     */
    public void forget(Tx tx, long memberId) {
        tx.sql().update("""
                UPDATE mail_outbox SET to_address = '', subject = '', body_html = '', last_error = NULL,
                       purged_at = coalesce(purged_at, ?),
                       status = CASE WHEN status IN ('PENDING', 'FAILED') THEN 'DEAD' ELSE status END
                WHERE member_id = ?""", clock.instant(), memberId);
    }

    /**
     * Seals these members' mails again under the current key (and the mails of no member with
     * {@link SealedData#NO_MEMBER}); returns how many rows changed.
     */
    public long reseal(Tx tx, List<Long> memberIds) {
        boolean noMember = memberIds.contains(SealedData.NO_MEMBER);
        List<String[]> rows = tx.sql().list("""
                SELECT id, to_address, subject, body_html, last_error FROM mail_outbox
                WHERE member_id = ANY(?) OR (? AND member_id IS NULL) ORDER BY id FOR UPDATE""",
                rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)},
                tx.sql().longArray(memberIds.toArray(Long[]::new)), noMember);
        long changed = 0;
        for (String[] r : rows) {
            long id = Long.parseLong(r[0]);
            String[] again = new String[SEALED.size()];
            boolean differs = false;
            for (int i = 0; i < again.length; i++) {
                String v = r[i + 1];
                // A purged mail's empty columns stay empty: there is nothing left to seal.
                again[i] = v == null || v.isEmpty() ? v : cipher.reseal(v, context(SEALED.get(i), id));
                differs |= !Objects.equals(again[i], v);
            }
            if (differs) {
                tx.sql().update("UPDATE mail_outbox SET to_address = ?, subject = ?, body_html = ?, last_error = ? WHERE id = ?",
                        again[0], again[1], again[2], again[3], id);
                changed++;
            }
        }
        return changed;
    }
}
