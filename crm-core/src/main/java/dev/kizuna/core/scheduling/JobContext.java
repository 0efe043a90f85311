package dev.kizuna.core.scheduling;

import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a running job sees: its run, its as-of time, where it left off, and where to record progress. */
public final class JobContext {
    private final long runId;
    private final Instant asOf;
    private final String checkpoint;
    private final Database database;
    private volatile boolean stopRequested;
    private String outcome;
    private String outcomeKey;
    private List<String> outcomeArgs = List.of();

    JobContext(long runId, Instant asOf, String checkpoint, Database database) {
        this.runId = runId;
        this.asOf = asOf;
        this.checkpoint = checkpoint;
        this.database = database;
    }

    public long runId() {
        return runId;
    }

    /** The shop time this run judges by; unchanged when a run resumes after a crash. */
    public Instant asOf() {
        return asOf;
    }

    /** Where the previous, interrupted attempt of this run committed its last batch. */
    public Optional<String> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    public Database database() {
        return database;
    }

    /** Records progress in the caller's transaction, so progress and checkpoint commit with the batch's work. */
    public void progress(Tx tx, long done, long total, String checkpoint) {
        tx.sql().update("UPDATE job_run SET done = ?, total = ?, checkpoint = ? WHERE id = ?", done, total, checkpoint, runId);
    }

    /** Records the total before the first batch so the console can show a bar from the start. */
    public void total(long total) {
        database.execute(tx -> {
            tx.sql().update("UPDATE job_run SET total = ? WHERE id = ?", total, runId);
        });
    }

    /** A one-line summary of what the run did in English, for logs and the API (and the console without a key). */
    public void outcome(String outcome) {
        this.outcome = outcome;
        this.outcomeKey = null;
        this.outcomeArgs = List.of();
    }

    /**
     * The summary in English plus the console message key ({@code job.<name>.outcome...}) and arguments that say it
     * in the admin's language on the jobs page.
     */
    public void outcome(String outcome, String key, Object... args) {
        this.outcome = outcome;
        this.outcomeKey = key;
        this.outcomeArgs = Arrays.stream(args).map(String::valueOf).toList();
    }

    String outcome() {
        return outcome;
    }

    String outcomeKey() {
        return outcomeKey;
    }

    List<String> outcomeArgs() {
        return outcomeArgs;
    }

    public boolean stopRequested() {
        return stopRequested || Thread.currentThread().isInterrupted();
    }

    void requestStop() {
        stopRequested = true;
    }
}
