package dev.kizuna.core.mail;

import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.MailHooks;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.scheduling.RetryBackoff;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends due mails from the outbox over SMTP (Jakarta Mail), oldest first. A failure is retried with exponential
 * backoff (2, 4, 8 ... minutes, at most 6 hours); after {@link #MAX_ATTEMPTS} the mail is DEAD and shown as such.
 * With no SMTP host configured, mails stay PENDING and readable in the console and the API.
 *
 * <p>Due times, send times and retries are read from the shop clock that {@link MailOutbox} stamps mails with, as the
 * event inbox's retries are: in production it is the system clock, and in a dev install whose clock was moved a mail
 * is due, sent and retried in the same (shop) time it was written in.
 */
public final class MailDeliveryJob implements KizunaJob {
    static final int MAX_ATTEMPTS = 10;
    private static final int BATCH = 100;

    private final Database db;
    private final Optional<String> smtpHost;
    private final int smtpPort;
    private final String from;
    private final Clock clock;
    private final MailOutbox outbox;
    private final ModulePorts ports;

    public MailDeliveryJob(Database db, Clock clock, Optional<String> smtpHost, int smtpPort, String from,
                           MailOutbox outbox, ModulePorts ports) {
        this.db = db;
        this.ports = ports;
        this.outbox = outbox;
        this.clock = clock;
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.from = from;
    }

    @Override
    public String name() {
        return "mail-delivery";
    }

    @Override
    public String description() {
        return "Sends mails waiting in the outbox over SMTP";
    }

    @Override
    public String defaultSchedule() {
        return "0 * * * * ?";
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        if (smtpHost.isEmpty()) {
            long waiting = db.inTransaction(tx -> tx.sql().number("SELECT count(*) FROM mail_outbox WHERE status = 'PENDING'"));
            ctx.outcome("no SMTP host configured; " + waiting + " mails wait in the outbox", "job.mail-delivery.outcome-no-smtp",
                    waiting);
            return;
        }
        Properties props = new Properties();
        props.put("mail.smtp.host", smtpHost.get());
        props.put("mail.smtp.port", Integer.toString(smtpPort));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(props);
        int sent = 0;
        int failed = 0;
        List<MailOutbox.OutgoingMail> due;
        do {
            Instant now = clock.instant();
            due = db.inTransaction(tx -> tx.sql().list(MailOutbox.SELECT
                    + " WHERE status IN ('PENDING','FAILED') AND next_attempt_at <= ? ORDER BY id LIMIT ?",
                    outbox::map, now, BATCH));
            for (MailOutbox.OutgoingMail mail : due) {
                try {
                    Map<String, String> headers = ports.find(MailHooks.class)
                            .map(h -> db.inTransaction(tx -> h.headers(tx, mail.id(), mail.memberId()))).orElse(Map.of());
                    send(session, mail, headers);
                    db.execute(tx -> {
                        tx.sql().update("UPDATE mail_outbox SET status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                                clock.instant(), mail.id());
                    });
                    sent++;
                } catch (MessagingException e) {
                    // the server refused the address itself (5xx to RCPT TO): retrying cannot help, and a feature
                    // that mails the customer again should know
                    boolean bounced = e instanceof SendFailedException sf && sf.getInvalidAddresses() != null
                            && sf.getInvalidAddresses().length > 0;
                    int attempts = bounced ? MAX_ATTEMPTS : mail.attempts() + 1;
                    db.execute(tx -> {
                        if (bounced) {
                            ports.find(MailHooks.class).ifPresent(h -> h.bounced(tx, mail.id(), mail.memberId()));
                        }
                        tx.sql().update("""
                                UPDATE mail_outbox SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?""",
                                attempts >= MAX_ATTEMPTS ? "DEAD" : "FAILED", attempts,
                                // an SMTP refusal quotes the address
                                outbox.seal("last_error", mail.id(), String.valueOf(e.getMessage())),
                                clock.instant().plus(RetryBackoff.afterAttempts(attempts)), mail.id());
                    });
                    failed++;
                }
            }
        } while (due.size() == BATCH && !ctx.stopRequested());
        ctx.outcome("sent " + sent + ", failed " + failed, "job.mail-delivery.outcome", sent, failed);
    }

    private void send(Session session, MailOutbox.OutgoingMail mail, Map<String, String> headers)
            throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to()));
        m.setSubject(mail.subject(), "UTF-8");
        m.setText(mail.bodyHtml(), "UTF-8", "html");
        m.setSentDate(new Date());
        m.setHeader("X-Kizuna-Mail-Id", Long.toString(mail.id()));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            m.setHeader(h.getKey(), h.getValue());
        }
        Transport.send(m);
    }
}
