package dev.kizuna.segment.rfm;

import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * {@code rfm-scoring}: scores every member's recency, frequency and monetary value over the window and files them
 * into the merchant's named segments, recording each change of segment.
 *
 * <p>Quintiles need the whole population at once, so the run has two parts: one statement stages every member's
 * figures and scores ({@link RfmStore#stage}), then keyset batches over member ids merge the staging into
 * {@code rfm_score} and the history, each batch committing with its checkpoint. A run that dies mid-merge resumes
 * after its last batch with the staging it built (same as-of time, same figures); one that dies while staging
 * starts afresh.
 *
 * <p>Configuration: {@code kizuna.segments.rfm.window-months} (default 24), {@code kizuna.segments.rfm.schedule}
 * (default nightly at 02:30 in the shop's zone; {@code kizuna.jobs.rfm-scoring.schedule} overrides both),
 * {@code kizuna.segments.rfm.batch-size} (members per merge batch, default 10,000).
 */
public final class RfmScoringJob implements KizunaJob {
    public static final String NAME = "rfm-scoring";
    static final String DEFAULT_SCHEDULE = "0 30 2 * * ?";

    private final Database db;
    private final RfmStore store;
    private final ZoneId zone;
    private final int windowMonths;
    private final int batchSize;
    private final String schedule;
    private volatile BatchObserver observer = last -> { };

    /** Lets a test stop a batch after its writes and before its commit, as a crash would. */
    interface BatchObserver {
        void merged(long lastMemberId);
    }

    void observeBatches(BatchObserver observer) {
        this.observer = observer;
    }

    public RfmScoringJob(Database db, RfmStore store, ZoneId zone, KizunaConfig config) {
        this.db = db;
        this.store = store;
        this.zone = zone;
        this.windowMonths = config.intValue("kizuna.segments.rfm.window-months", 24);
        this.batchSize = config.intValue("kizuna.segments.rfm.batch-size", 10_000);
        this.schedule = config.get("kizuna.segments.rfm.schedule").orElse(DEFAULT_SCHEDULE);
        if (windowMonths < 1 || windowMonths > 240) {
            throw new IllegalArgumentException("kizuna.segments.rfm.window-months must be between 1 and 240");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("kizuna.segments.rfm.batch-size must be at least 1");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Scores every member's recency, frequency and monetary value (quintiles over the last " + windowMonths
                + " months) and files them into RFM segments, recording movements";
    }

    @Override
    public List<Object> descriptionArgs() {
        return List.of(windowMonths);
    }

    @Override
    public String defaultSchedule() {
        return schedule;
    }

    public int windowMonths() {
        return windowMonths;
    }

    @Override
    public void run(JobContext ctx) {
        RfmWindow window = RfmWindow.of(ctx.asOf(), zone, windowMonths);
        Optional<String> checkpoint = ctx.checkpoint();
        boolean resuming = checkpoint.isPresent()
                && db.inTransaction(tx -> store.stagedRun(tx)).filter(id -> id == ctx.runId()).isPresent();
        long staged = resuming
                ? db.inTransaction(tx -> tx.sql().number("SELECT members FROM rfm_staging_run"))
                : db.inTransaction(tx -> store.stage(tx, ctx.runId(), window));
        long total = db.inTransaction(store::mergeTotal);
        ctx.total(total);
        long after = resuming ? Long.parseLong(checkpoint.get()) : 0;
        long done = resuming ? db.inTransaction(tx -> tx.sql().number("SELECT done FROM job_run WHERE id = ?", ctx.runId())) : 0;
        boolean finished = false;
        while (!ctx.stopRequested()) {
            long from = after;
            long soFar = done;
            RfmStore.KeyRange batch = db.inTransaction(tx -> {
                Optional<RfmStore.KeyRange> range = store.nextRange(tx, from, batchSize);
                if (range.isEmpty()) {
                    return null;
                }
                store.merge(tx, from, range.get().last(), ctx.asOf(), ctx.runId());
                observer.merged(range.get().last());
                ctx.progress(tx, soFar + range.get().count(), Math.max(total, soFar + range.get().count()),
                        Long.toString(range.get().last()));
                return range.get();
            });
            if (batch == null) {
                finished = true;
                break;
            }
            after = batch.last();
            done += batch.count();
        }
        if (finished) {
            db.execute(store::clearStaging);
        }
        RfmStore.RunTally tally = db.inTransaction(tx -> store.tally(tx, ctx.runId()));
        ctx.outcome("scored " + staged + " members with purchases in the last " + windowMonths + " months; "
                + tally.moved() + " moved segment, " + tally.entered() + " entered, " + tally.left() + " left"
                + (finished ? "" : " (stopped before the end)"),
                finished ? "job.rfm-scoring.outcome" : "job.rfm-scoring.outcome-stopped",
                staged, windowMonths, tally.moved(), tally.entered(), tally.left());
    }
}
