package dev.kizuna.core.intake;

import dev.kizuna.core.json.Json;
import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.scheduling.RetryBackoff;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.InvalidEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Takes host events into the inbox and applies them exactly once.
 * <ol>
 *   <li>Validate every event; one invalid event refuses the call and nothing is written.</li>
 *   <li>Insert into {@code event_inbox} keyed by event id ({@code ON CONFLICT DO NOTHING}): a repeat is a no-op.</li>
 *   <li>Apply each new event under a savepoint: if it {@code requires} a subject not yet seen it is parked;
 *       else the handlers run and the row turns DONE in the same transaction as their effects. A failing event
 *       rolls back to its savepoint and is marked FAILED with the error, for the retry job; one a handler refuses
 *       as impossible ({@link RejectEvent}) is marked REJECTED with its reason and never retried.</li>
 *   <li>Consecutive new events of one type whose handlers all take batches ({@link EventBus#onBatch}) go to each
 *       handler as one list (set-based SQL for busy shops' order intake). If such a run fails, the transaction is
 *       rolled back and the batch taken again event by event, so failures and parking stay per event.</li>
 *   <li>After commit, events parked on a subject this batch provided are replayed ({@link EventRetries}).</li>
 * </ol>
 * Advisory locks on subject keys make "provider commits" and "requirer parks" serialize, so a cancel racing
 * its order is never parked after the order's replay looked for it.
 */
public final class EventIntake implements EventPublisher {
    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

    private final Database db;
    private final EventBus bus;
    private final Clock clock;
    private final EventRetries retries;
    private final EventPayloads stored;
    private final KizunaMetrics metrics;

    public EventIntake(Database db, EventBus bus, Clock clock, EventPayloads stored, KizunaMetrics metrics) {
        this.db = db;
        this.bus = bus;
        this.clock = clock;
        this.stored = stored;
        this.metrics = metrics;
        this.retries = new EventRetries(db, this, clock, stored, metrics);
    }

    /** The retry path: failed events after their backoff, parked events once their subject arrived. */
    public EventRetries retries() {
        return retries;
    }

    @Override
    public Outcome publish(HostEvent event) {
        return publishAll(List.of(event)).get(0);
    }

    /** Validates an event and gives its JSON; refuses it (naming the field) when it is malformed or too large. */
    static String validPayload(HostEvent e) {
        EventValidation.validate(e);
        return withinLimit(Json.write(e));
    }

    private static String withinLimit(String json) {
        if (json.getBytes(StandardCharsets.UTF_8).length > EventValidation.MAX_PAYLOAD_BYTES) {
            throw new InvalidEventException("event", "event.payload-too-large", EventValidation.MAX_PAYLOAD_BYTES);
        }
        return json;
    }

    @Override
    public List<Outcome> publishAll(List<? extends HostEvent> events) {
        List<String> payloads = new ArrayList<>(events.size());
        for (HostEvent e : events) {
            EventValidation.validate(e);
            payloads.add(withinLimit(stored.write(e)));
        }
        return receiveTaken(tx -> events, payloads);
    }

    /** Events taken inside the applying transaction (the host outbox's rows, validated when they were appended). */
    @FunctionalInterface
    interface Taking {
        List<? extends HostEvent> take(Tx tx);
    }

    /**
     * Takes events inside a transaction (the relay locks and deletes host outbox rows) and applies them in that same
     * transaction, so the taking and the applying commit together. Returns the outcomes of what was taken.
     */
    List<Outcome> receiveTaken(Taking taking) {
        return receiveTaken(taking, null);
    }

    private List<Outcome> receiveTaken(Taking taking, List<String> validated) {
        // First optimistically without a savepoint per event; if any handler fails, the whole batch is rolled back
        // and taken again with a savepoint around each event, so the failure is recorded and the others apply.
        // The event that failed is not run again in that second pass: it is recorded FAILED with its error.
        // Before both, runs of events of one type whose handlers take batches go to each handler at once; if such a
        // run fails, the batch is taken again event by event, which finds the event that failed.
        Map<String, Exception> failed = new HashMap<>();
        boolean runs = true;
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            boolean byRun = runs;
            try {
                List<List<? extends HostEvent>> taken = new ArrayList<>(1);
                List<Outcome> outcomes = db.inTransaction(tx -> {
                    List<? extends HostEvent> events = taking.take(tx);
                    taken.add(events);
                    List<String> payloads = validated != null ? validated : events.stream().map(stored::write).toList();
                    return receive(tx, events, payloads, failed, byRun);
                });
                metrics.eventsTaken(taken.get(taken.size() - 1), outcomes, Duration.ofNanos(System.nanoTime() - started));
                return outcomes;
            } catch (RunFailed e) {
                log.debug("a run of {} events failed; taking them one by one: {}", e.type, e.getCause().toString());
                runs = false;
            } catch (HandlerFailed e) {
                failed.put(e.eventId, e.failure);
            } catch (RuntimeException e) {
                // Two batches locking the same subjects in opposite order: PostgreSQL aborts one; run it again.
                if (attempt < 5 && Database.isTransient(e)) {
                    continue;
                }
                throw e;
            }
        }
    }

    /** Unwinds an unguarded batch whose handler failed, so the batch is taken again with savepoints. */
    private static final class HandlerFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String eventId;
        final transient Exception failure;

        HandlerFailed(String eventId, Exception failure) {
            super(failure);
            this.eventId = eventId;
            this.failure = failure;
        }
    }

    /** Unwinds a batch whose run of events failed in a batch handler, so the batch is taken again event by event. */
    private static final class RunFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String type;

        RunFailed(String type, Exception failure) {
            super(failure);
            this.type = type;
        }
    }

    /**
     * What one transaction applied: the events to mark DONE at its end (one statement for all) and the subjects
     * it provided, so a later event of the same batch that requires one of them applies at once.
     */
    private static final class Batch {
        final List<String> done = new ArrayList<>();
        final Set<String> provided = new LinkedHashSet<>();
    }

    private List<Outcome> receive(Tx tx, List<? extends HostEvent> events, List<String> payloads,
                                  Map<String, Exception> failed, boolean byRun) {
        boolean guarded = !failed.isEmpty();
        Outcome[] outcomes = new Outcome[events.size()];
        Set<String> seen = new HashSet<>();
        int n = events.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] provides = new String[n];
        String[] requires = new String[n];
        String[] occurred = new String[n];
        for (int i = 0; i < n; i++) {
            HostEvent e = events.get(i);
            ids[i] = e.eventId();
            types[i] = e.getClass().getSimpleName();
            provides[i] = e.provides().orElse(null);
            requires[i] = e.requires().orElse(null);
            occurred[i] = e.occurredAt().toString();
        }
        // One statement for the whole batch; RETURNING tells which ids are new (repeats hit the primary key). The
        // same statement then takes the subject locks of the new events, in hash order as EventRetries does.
        Set<String> inserted = new HashSet<>(tx.sql().list("""
                WITH ins AS (
                  INSERT INTO event_inbox (event_id, event_type, provides, requires, payload, occurred_at, status)
                  SELECT id, type, provides, requires, payload::jsonb, occurred::timestamptz, 'RECEIVED'
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                       AS t(id, type, provides, requires, payload, occurred)
                  ON CONFLICT (event_id) DO NOTHING RETURNING event_id, provides, requires),
                locked AS (
                  SELECT count(pg_advisory_xact_lock(h)) AS n FROM (
                    SELECT DISTINCT hashtextextended(k, 0) AS h FROM ins, unnest(ARRAY[ins.provides, ins.requires]) AS k
                    WHERE k IS NOT NULL ORDER BY 1 OFFSET 0) s)
                SELECT ins.event_id FROM locked, ins""", rs -> rs.getString(1),
                tx.sql().textArray(ids), tx.sql().textArray(types), tx.sql().textArray(provides),
                tx.sql().textArray(requires), tx.sql().textArray(payloads.toArray(String[]::new)),
                tx.sql().textArray(occurred)));
        Batch batch = new Batch();
        // Subjects the batch's requirers need that are already applied, in one statement: a requirer whose subject
        // is known (or provided earlier in the batch) can join a run like an event that requires nothing.
        Set<String> known = byRun && !guarded ? knownSubjects(tx, requires) : Set.of();
        for (int i = 0; i < events.size(); i++) {
            HostEvent e = events.get(i);
            if (byRun && !guarded && fresh(e, inserted, seen, failed, known, batch) && bus.takesBatches(e.getClass())) {
                int end = i + 1;
                Set<String> inRun = new HashSet<>(List.of(e.eventId()));
                while (end < n && events.get(end).getClass() == e.getClass()
                        && fresh(events.get(end), inserted, seen, failed, known, batch)
                        && inRun.add(events.get(end).eventId())) {
                    end++;
                }
                if (end - i > 1) {
                    applyRun(tx, events.subList(i, end), batch);
                    seen.addAll(inRun);
                    Arrays.fill(outcomes, i, end, Outcome.APPLIED);
                    i = end - 1;
                    continue;
                }
            }
            if (!inserted.contains(e.eventId()) || !seen.add(e.eventId())) {
                outcomes[i] = Outcome.DUPLICATE;
                continue;
            }
            if (failed.containsKey(e.eventId())) {
                outcomes[i] = recordFailure(tx, e, failed.get(e.eventId()));
            } else {
                outcomes[i] = guarded ? applyGuarded(tx, e, batch) : applyUnguarded(tx, e, batch);
            }
        }
        finish(tx, batch);
        return Arrays.asList(outcomes);
    }

    /**
     * A new event that can join a run: not a repeat, not failed before, and requiring no subject or one already
     * applied (earlier in this batch, or before it).
     */
    private static boolean fresh(HostEvent e, Set<String> inserted, Set<String> seen, Map<String, Exception> failed,
                                 Set<String> known, Batch batch) {
        return inserted.contains(e.eventId()) && !seen.contains(e.eventId()) && !failed.containsKey(e.eventId())
                && e.requires().map(r -> known.contains(r) || batch.provided.contains(r)).orElse(true);
    }

    /** Which of the subjects are provided by events already applied. */
    private static Set<String> knownSubjects(Tx tx, String[] requires) {
        String[] wanted = Arrays.stream(requires).filter(Objects::nonNull).distinct().toArray(String[]::new);
        if (wanted.length == 0) {
            return Set.of();
        }
        return new HashSet<>(tx.sql().list(
                "SELECT DISTINCT provides FROM event_inbox WHERE provides = ANY(?) AND status = 'DONE'",
                rs -> rs.getString(1), tx.sql().textArray(wanted)));
    }

    /** Applies a run of new events of one type through the batch handlers; any failure retakes the batch per event. */
    private void applyRun(Tx tx, List<? extends HostEvent> run, Batch batch) {
        Class<? extends HostEvent> type = run.get(0).getClass();
        try {
            bus.dispatchAll(type, run, tx);
            tx.session().flush();
        } catch (Exception failure) {
            if (Database.isTransient(failure)) {
                throw failure instanceof RuntimeException re ? re : new Database.PersistenceFailure(failure);
            }
            throw new RunFailed(type.getSimpleName(), failure);
        }
        for (HostEvent e : run) {
            batch.done.add(e.eventId());
            e.provides().ifPresent(batch.provided::add);
        }
    }

    private Outcome applyUnguarded(Tx tx, HostEvent e, Batch batch) {
        try {
            Outcome o = apply(tx, e, batch);
            tx.session().flush();
            return o;
        } catch (Exception failure) {
            if (Database.isTransient(failure)) {
                throw failure instanceof RuntimeException re ? re : new Database.PersistenceFailure(failure);
            }
            throw new HandlerFailed(e.eventId(), failure);
        }
    }

    /** Applies one stored event under a savepoint; a failure is recorded instead of thrown. */
    private Outcome applyGuarded(Tx tx, HostEvent e, Batch batch) {
        Connection c = tx.sql().connection();
        Savepoint sp;
        try {
            sp = c.setSavepoint();
        } catch (SQLException ex) {
            throw new Database.PersistenceFailure(ex);
        }
        int doneBefore = batch.done.size();
        List<String> providedBefore = List.copyOf(batch.provided);
        try {
            Outcome o = apply(tx, e, batch);
            tx.session().flush();
            c.releaseSavepoint(sp);
            return o;
        } catch (Exception failure) {
            try {
                c.rollback(sp);
            } catch (SQLException ex) {
                throw new Database.PersistenceFailure(ex);
            }
            tx.session().clear();
            tx.forgetRemembered();
            batch.done.subList(doneBefore, batch.done.size()).clear();
            batch.provided.retainAll(providedBefore);
            if (Database.isTransient(failure)) {
                throw failure instanceof RuntimeException re ? re : new Database.PersistenceFailure(failure);
            }
            return recordFailure(tx, e, failure);
        }
    }

    private Outcome recordFailure(Tx tx, HostEvent e, Exception failure) {
        if (failure instanceof ParkEvent p) {
            park(tx, e.eventId(), p.waitingFor());
            return Outcome.PARKED;
        }
        if (failure instanceof RejectEvent) {
            log.warn("event {} ({}) rejected: {}", e.eventId(), e.getClass().getSimpleName(), failure.getMessage());
            tx.sql().update("""
                    UPDATE event_inbox SET status = 'REJECTED', attempts = attempts + 1, last_error = ?,
                           next_attempt_at = NULL, processed_at = ? WHERE event_id = ?""",
                    truncated(failure.getMessage()), clock.instant(), e.eventId());
            return Outcome.REJECTED;
        }
        log.warn("event {} ({}) failed, kept for retry: {}", e.eventId(), e.getClass().getSimpleName(), failure.toString());
        markFailed(tx, e.eventId(), failure);
        return Outcome.FAILED;
    }

    /** The caller holds the advisory locks of the event's subjects. */
    private Outcome apply(Tx tx, HostEvent e, Batch batch) throws Exception {
        Optional<String> requires = e.requires();
        if (requires.isPresent() && !batch.provided.contains(requires.get())) {
            boolean known = tx.sql().number(
                    "SELECT count(*) FROM event_inbox WHERE provides = ? AND status = 'DONE'", requires.get()) > 0;
            if (!known) {
                park(tx, e.eventId(), requires.get());
                return Outcome.PARKED;
            }
        }
        // A ParkEvent from a handler unwinds to applyGuarded, which rolls back to the savepoint and parks.
        bus.dispatch(e, tx);
        batch.done.add(e.eventId());
        e.provides().ifPresent(batch.provided::add);
        return Outcome.APPLIED;
    }

    /**
     * Marks the applied events DONE and, if events are parked on subjects this batch provided, replays them after
     * commit. Looking for them here is complete: a requirer parks only while holding its subject's lock, which this
     * transaction holds until it commits; one that comes later finds the subject DONE and applies directly.
     */
    private void finish(Tx tx, Batch batch) {
        if (!batch.provided.isEmpty()) {
            // One statement: the DONE update (a data-modifying WITH always runs to completion) and the parked lookup.
            // The lookup's snapshot is from before the update, so the events applied here are left out by id.
            List<String> parked = tx.sql().list("""
                    WITH done AS (
                      UPDATE event_inbox SET status = 'DONE', processed_at = ?, attempts = attempts + 1,
                             last_error = NULL, next_attempt_at = NULL WHERE event_id = ANY(?) RETURNING 1)
                    SELECT event_id FROM event_inbox
                    WHERE status = 'PARKED' AND requires = ANY(?) AND NOT event_id = ANY(?)
                    ORDER BY occurred_at, received_at""", rs -> rs.getString(1),
                    clock.instant(), tx.sql().textArray(batch.done.toArray(String[]::new)),
                    tx.sql().textArray(batch.provided.toArray(String[]::new)),
                    tx.sql().textArray(batch.done.toArray(String[]::new)));
            if (!parked.isEmpty()) {
                tx.afterCommit(() -> parked.forEach(retries::applyStored));
            }
        } else if (!batch.done.isEmpty()) {
            tx.sql().update("""
                    UPDATE event_inbox SET status = 'DONE', processed_at = ?, attempts = attempts + 1,
                           last_error = NULL, next_attempt_at = NULL WHERE event_id = ANY(?)""",
                    clock.instant(), tx.sql().textArray(batch.done.toArray(String[]::new)));
        }
    }

    private void park(Tx tx, String eventId, String waitingFor) {
        tx.sql().update("UPDATE event_inbox SET status = 'PARKED', requires = ? WHERE event_id = ?", waitingFor, eventId);
    }

    /** FAILED with its error, due again after the backoff for its number of attempts (see {@link EventRetries}). */
    private void markFailed(Tx tx, String eventId, Exception failure) {
        int attempts = (int) tx.sql().number("SELECT attempts FROM event_inbox WHERE event_id = ?", eventId) + 1;
        tx.sql().update("""
                UPDATE event_inbox SET status = 'FAILED', attempts = ?, last_error = ?, next_attempt_at = ?
                WHERE event_id = ?""", attempts, truncated(failure.getMessage()),
                clock.instant().plus(RetryBackoff.afterAttempts(attempts)), eventId);
    }

    private static String truncated(String message) {
        String m = String.valueOf(message);
        return m.length() > 2000 ? m.substring(0, 2000) : m;
    }

    /**
     * Applies one stored event on its own, in the caller's transaction, which holds the locks of its subjects: a
     * failure is recorded instead of thrown, and events parked on a subject it provides are replayed after commit.
     */
    Outcome applyAlone(Tx tx, HostEvent e) {
        Batch batch = new Batch();
        Outcome o = applyGuarded(tx, e, batch);
        finish(tx, batch);
        return o;
    }

    /** Re-applies a stored event that is parked or failed; see {@link EventRetries#applyStored}. */
    public Outcome applyStored(String eventId) {
        return retries.applyStored(eventId);
    }
}
