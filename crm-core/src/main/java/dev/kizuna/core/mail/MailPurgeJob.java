package dev.kizuna.core.mail;

import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code mail-purge}: a mail sent (or given up on) longer ago than the retention period
 * ({@code kizuna.mail.retention-days}, 30 by default) loses its address, subject, body and error. The row stays,
 * with its template, status and times, so the dedupe key still stops a second mail for the same occasion and the
 * console can still say a mail went out. Shop time, as the outbox's other times.
 */
public final class MailPurgeJob implements KizunaJob {
    private static final int BATCH = 1_000;

    private final Database db;
    private final Clock clock;
    private final Duration retention;

    public MailPurgeJob(Database db, Clock clock, Duration retention) {
        this.db = db;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "mail-purge";
    }

    @Override
    public String description() {
        return "Blanks the address, subject and body of mails sent or dead longer than the retention period";
    }

    @Override
    public String defaultSchedule() {
        return "0 45 3 * * ?";
    }

    @Override
    public void run(JobContext ctx) {
        Instant before = clock.instant().minus(retention);
        long purged = 0;
        int n;
        do {
            n = db.inTransaction(tx -> tx.sql().update("""
                    UPDATE mail_outbox SET to_address = '', subject = '', body_html = '', last_error = NULL, purged_at = ?
                    WHERE id IN (SELECT id FROM mail_outbox
                                 WHERE status IN ('SENT', 'DEAD') AND purged_at IS NULL AND coalesce(sent_at, created_at) < ?
                                 ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)""", clock.instant(), before, BATCH));
            purged += n;
        } while (n == BATCH && !ctx.stopRequested());
        ctx.outcome("purged " + purged + " mails older than " + retention.toDays() + " days", "job.mail-purge.outcome",
                purged, retention.toDays());
    }
}
