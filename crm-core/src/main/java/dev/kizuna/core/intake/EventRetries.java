package dev.kizuna.core.intake;

import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.EventPublisher.Outcome;
import dev.kizuna.core.spi.HostEvent;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The inbox's second chance, apart from the intake of new events: a FAILED event is applied again once its backoff
 * has passed, and a PARKED one once the subject it waits for is DONE (right after the provider's commit, and by the
 * {@code event-retry} job as a safety net for replays lost to a crash between commit and replay). Each stored event
 * is taken alone, under the locks of its subjects, through the same application as {@link EventIntake}'s.
 */
public final class EventRetries {
    private final Database db;
    private final EventIntake intake;
    private final Clock clock;
    private final EventPayloads payloads;
    private final KizunaMetrics metrics;

    EventRetries(Database db, EventIntake intake, Clock clock, EventPayloads payloads, KizunaMetrics metrics) {
        this.db = db;
        this.intake = intake;
        this.clock = clock;
        this.payloads = payloads;
        this.metrics = metrics;
    }

    /**
     * Retries failed events whose backoff has passed and parked events whose subject has arrived, at most
     * {@code limit}, oldest first. Returns how many were applied.
     */
    public int retryDue(int limit) {
        List<String> due = db.inTransaction(tx -> tx.sql().list("""
                SELECT event_id FROM event_inbox i WHERE
                  (status = 'FAILED' AND next_attempt_at <= ?)
                  OR (status = 'PARKED' AND EXISTS (SELECT 1 FROM event_inbox p WHERE p.provides = i.requires AND p.status = 'DONE'))
                ORDER BY occurred_at LIMIT ?""", rs -> rs.getString(1), clock.instant(), limit));
        int applied = 0;
        for (String id : due) {
            if (applyStored(id) == Outcome.APPLIED) {
                applied++;
            }
        }
        return applied;
    }

    /** Re-applies a stored event that is parked or failed; a no-op if another node already did. */
    public Outcome applyStored(String eventId) {
        String[] type = new String[1];
        Outcome outcome = db.inTransaction(tx -> {
            Optional<HostEvent> stored = tx.sql().one("""
                    SELECT event_type, payload::text FROM event_inbox
                    WHERE event_id = ? AND status IN ('PARKED', 'FAILED', 'RECEIVED') FOR UPDATE SKIP LOCKED""",
                    rs -> payloads.read(rs.getString(1), rs.getString(2)), eventId);
            if (stored.isEmpty()) {
                return Outcome.DUPLICATE;
            }
            HostEvent e = stored.get();
            type[0] = e.getClass().getSimpleName();
            Set<String> subjects = new HashSet<>();
            e.requires().ifPresent(subjects::add);
            e.provides().ifPresent(subjects::add);
            lock(tx, subjects);
            return intake.applyAlone(tx, e);
        });
        if (type[0] != null) {
            metrics.eventRetried(type[0], outcome);
        }
        return outcome;
    }

    /** Takes the subjects' transaction locks in one statement, in hash order, so two batches never deadlock. */
    private static void lock(Tx tx, Set<String> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        tx.sql().list("""
                SELECT pg_advisory_xact_lock(h) FROM (
                    SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(?::text[]) AS k ORDER BY 1 OFFSET 0) s""",
                rs -> 1, tx.sql().textArray(subjects.toArray(String[]::new)));
    }
}
