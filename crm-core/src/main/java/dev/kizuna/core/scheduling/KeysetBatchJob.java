package dev.kizuna.core.scheduling;

import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.List;

/**
 * A job over many rows (members, ledger lots) in keyset batches: each batch is read, processed and its checkpoint
 * and progress committed in one transaction, so a crash loses at most the batch in flight and the next run
 * continues after the last committed key.
 */
public abstract class KeysetBatchJob implements KizunaJob {

    protected int batchSize() {
        return 2_000;
    }

    /** How many keys the run will visit (for the progress bar); an estimate is fine. */
    protected abstract long total(Tx tx, Instant asOf);

    /** The next keys strictly after {@code after}, ascending, at most {@code limit}. */
    protected abstract List<Long> nextKeys(Tx tx, long after, int limit, Instant asOf);

    /** Processes one batch; returns how many rows it changed (summed into the outcome). */
    protected abstract long process(Tx tx, List<Long> keys, Instant asOf);

    @Override
    public final void run(JobContext ctx) {
        long after = ctx.checkpoint().map(Long::parseLong).orElse(Long.MIN_VALUE);
        long total = ctx.database().inTransaction(tx -> total(tx, ctx.asOf()));
        long[] done = {ctx.checkpoint().isPresent()
                ? ctx.database().inTransaction(tx -> tx.sql().number("SELECT done FROM job_run WHERE id = ?", ctx.runId()))
                : 0};
        ctx.total(total);
        long changed = 0;
        while (!ctx.stopRequested()) {
            long from = after;
            long[] result = ctx.database().inTransaction(tx -> {
                List<Long> keys = nextKeys(tx, from, batchSize(), ctx.asOf());
                if (keys.isEmpty()) {
                    return null;
                }
                long n = process(tx, keys, ctx.asOf());
                long last = keys.get(keys.size() - 1);
                done[0] += keys.size();
                ctx.progress(tx, done[0], Math.max(total, done[0]), Long.toString(last));
                return new long[]{last, n};
            });
            if (result == null) {
                finished(ctx);
                break;
            }
            after = result[0];
            changed += result[1];
        }
        ctx.outcome(outcome(done[0], changed), "job." + name() + ".outcome", done[0], changed);
    }

    /** Called once a run has visited every key (not when it was stopped before). */
    protected void finished(JobContext ctx) {
    }

    /**
     * The English outcome line; the console says it with {@code job.<name>.outcome} of the job's bundle,
     * {@code {0}} visited and {@code {1}} changed.
     */
    protected String outcome(long visited, long changed) {
        return "visited " + visited + ", changed " + changed;
    }
}
