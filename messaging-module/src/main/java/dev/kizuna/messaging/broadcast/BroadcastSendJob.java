package dev.kizuna.messaging.broadcast;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.messaging.delivery.MessageSource;
import dev.kizuna.messaging.delivery.Outbound;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code broadcast-send} (every minute): sends the broadcasts that are due, in keyset batches over the audience by
 * member id. Each batch's messages, outbox mails and the broadcast's cursor commit together, so a run that dies
 * resumes after the last committed member, and a member is never messaged twice for one broadcast (the message's
 * unique key). The audience is judged as of the send's start. A marketing broadcast pauses in the quiet hours and
 * continues after them.
 */
public final class BroadcastSendJob implements KizunaJob {
    public static final String NAME = "broadcast-send";

    private final Database db;
    private final Broadcasts broadcasts;
    private final Outbound outbound;
    private final ShopClock clock;
    private final int batchSize;

    public BroadcastSendJob(Database db, Broadcasts broadcasts, Outbound outbound, ShopClock clock, int batchSize) {
        this.db = db;
        this.broadcasts = broadcasts;
        this.outbound = outbound;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Sends the broadcasts that are due, in resumable batches";
    }

    @Override
    public String defaultSchedule() {
        return "15 * * * * ?";
    }

    @Override
    public void run(JobContext ctx) {
        BroadcastStore store = broadcasts.store();
        Progress progress = new Progress();
        // The next batch is read, rendered and sealed on this thread while the one before it is written on the
        // writer's: the database's work and this thread's overlap, with one batch at most waiting to be written.
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, NAME + "-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            for (long id : db.inTransaction(tx -> store.due(tx, clock.instant()))) {
                Broadcast b = db.inTransaction(tx -> {
                    Broadcast found = store.lock(tx, id).orElseThrow();
                    if (found.status() == BroadcastStatus.SCHEDULED) {
                        long total = broadcasts.audiences().count(tx, found.audience(), found.channel(),
                                found.purpose(), clock.instant());
                        store.started(tx, id, clock.instant(), total);
                        return store.find(tx, id).orElseThrow();
                    }
                    return found;
                });
                if (!send(ctx, b, writer, progress)) {
                    ctx.outcome("paused for the quiet hours after " + progress.done + " customers",
                            "job.broadcast-send.outcome-quiet", progress.done);
                    return;
                }
            }
        } finally {
            writer.shutdownNow();
        }
        Outbound.Tally tally = progress.tally;
        ctx.outcome("sent " + tally.sent() + ", held out " + tally.heldOut() + ", capped " + tally.capped(),
                "job.broadcast-send.outcome", tally.sent(), tally.heldOut(), tally.capped());
    }

    /** What the run has decided so far. */
    private static final class Progress {
        Outbound.Tally tally = Outbound.Tally.NONE;
        long done;

        void add(Outbound.Tally t) {
            tally = tally.plus(t);
            done += t.sent() + t.heldOut() + t.capped() + t.unreachable();
        }
    }

    /** A page of the audience prepared for writing, with the member the cursor moves to once it is written. */
    private record Prepared(Outbound.Batch batch, long last, int size) {
    }

    /**
     * Sends a broadcast's batches from its cursor on until it is done (true), stopped (true) or paused for the quiet
     * hours (false). Each batch's decisions, messages and cursor commit together on the writer thread.
     */
    private boolean send(JobContext ctx, Broadcast b, ExecutorService writer, Progress progress) {
        BroadcastStore store = broadcasts.store();
        Outbound.Content content = broadcasts.content(b);
        Outbound.Occasion occasion = new Outbound.Occasion(MessageSource.BROADCAST, b.id(), 0, b.channel(),
                b.purpose(), b.holdoutPercent());
        long cursor = b.cursor();
        Future<Outbound.Tally> writing = null;
        try {
            while (!ctx.stopRequested()) {
                if (outbound.waits(b.purpose(), clock.instant())) {
                    return false;
                }
                long from = cursor;
                Prepared next = db.inTransaction(tx -> {
                    List<Outbound.Recipient> page = broadcasts.audiences().page(tx, b.audience(), b.channel(),
                            b.purpose(), from, batchSize, b.startedAt());
                    return page.isEmpty() ? null : new Prepared(outbound.prepare(tx, occasion, page, content,
                            clock.instant()), page.get(page.size() - 1).memberId(), page.size());
                });
                if (writing != null) {
                    Future<Outbound.Tally> previous = writing;
                    writing = null;
                    progress.add(written(previous));
                }
                if (next == null) {
                    db.execute(tx -> store.finished(tx, b.id(), clock.instant()));
                    return true;
                }
                cursor = next.last();
                writing = writer.submit(() -> db.inTransaction(tx -> {
                    Outbound.Tally t = outbound.write(tx, next.batch(), clock.instant());
                    store.progressed(tx, b.id(), next.last(), next.size());
                    return t;
                }));
            }
            return true;
        } finally {
            if (writing != null) {
                progress.add(written(writing));
            }
        }
    }

    /** The tally of a batch once its transaction committed; its failure is the run's. */
    private static Outbound.Tally written(Future<Outbound.Tally> writing) {
        try {
            return writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
