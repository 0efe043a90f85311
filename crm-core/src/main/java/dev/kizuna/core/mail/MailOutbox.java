package dev.kizuna.core.mail;

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

/**
 * Every mail Kizuna sends is rendered and written here in the same transaction as what caused it (a coupon
 * issued, an invitation due), so a mail is never sent for something that rolled back nor lost for something that
 * committed. {@link MailDeliveryJob} sends it.
 */
public final class MailOutbox {
    private final Templates templates;
    private final Clock clock;

    public MailOutbox(Templates templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
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
        return tx.sql().update("""
                INSERT INTO mail_outbox (dedupe_key, member_id, to_address, locale, template, subject, body_html,
                                         status, created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) ON CONFLICT (dedupe_key) DO NOTHING""",
                dedupeKey, memberId, to, locale, template, subject.strip(), r.body(), now, now) > 0;
    }

    public record OutgoingMail(long id, String to, String locale, String template, String subject, String bodyHtml,
                               String status, int attempts, String lastError, Instant createdAt, Instant sentAt,
                               Long memberId) {
    }

    public List<OutgoingMail> newest(Tx tx, int limit, int offset) {
        return tx.sql().list(SELECT + " ORDER BY id DESC LIMIT ? OFFSET ?", MailOutbox::map, limit, offset);
    }

    public List<OutgoingMail> forMember(Tx tx, long memberId, int limit) {
        return tx.sql().list(SELECT + " WHERE member_id = ? ORDER BY id DESC LIMIT ?", MailOutbox::map, memberId, limit);
    }

    static final String SELECT = """
            SELECT id, to_address, locale, template, subject, body_html, status, attempts, last_error, created_at,
                   sent_at, member_id FROM mail_outbox""";

    static OutgoingMail map(ResultSet rs) throws SQLException {
        long member = rs.getLong(12);
        return new OutgoingMail(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "sent_at"), rs.wasNull() ? null : member);
    }
}
