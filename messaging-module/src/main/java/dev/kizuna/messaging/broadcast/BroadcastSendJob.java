package dev.kizuna.messaging.broadcast;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.messaging.delivery.MessageSource;
import dev.kizuna.messaging.delivery.Outbound;

import java.util.List;

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
        Outbound.Tally tally = Outbound.Tally.NONE;
        long done = 0;
        for (long id : db.inTransaction(tx -> store.due(tx, clock.instant()))) {
            Broadcast b = db.inTransaction(tx -> {
                Broadcast found = store.lock(tx, id).orElseThrow();
                if (found.status() == BroadcastStatus.SCHEDULED) {
                    long total = broadcasts.audiences().count(tx, found.audience(), found.channel(), found.purpose(),
                            clock.instant());
                    store.started(tx, id, clock.instant(), total);
                    return store.find(tx, id).orElseThrow();
                }
                return found;
            });
            Outbound.Content content = broadcasts.content(b);
            Outbound.Occasion occasion = new Outbound.Occasion(MessageSource.BROADCAST, b.id(), 0, b.channel(),
                    b.purpose(), b.holdoutPercent());
            long[] cursor = {b.cursor()};
            while (!ctx.stopRequested()) {
                if (outbound.waits(b.purpose(), clock.instant())) {
                    ctx.outcome("paused for the quiet hours after " + done + " customers", "job.broadcast-send.outcome-quiet",
                            done);
                    return;
                }
                long from = cursor[0];
                Outbound.Tally batch = db.inTransaction(tx -> {
                    List<Outbound.Recipient> page = broadcasts.audiences().page(tx, b.audience(), b.channel(),
                            b.purpose(), from, batchSize, b.startedAt());
                    if (page.isEmpty()) {
                        store.finished(tx, b.id(), clock.instant());
                        return null;
                    }
                    Outbound.Tally t = outbound.send(tx, occasion, page, content, clock.instant());
                    cursor[0] = page.get(page.size() - 1).memberId();
                    store.progressed(tx, b.id(), cursor[0], page.size());
                    return t;
                });
                if (batch == null) {
                    break;
                }
                tally = tally.plus(batch);
                done += batch.sent() + batch.heldOut() + batch.capped() + batch.unreachable();
            }
        }
        ctx.outcome("sent " + tally.sent() + ", held out " + tally.heldOut() + ", capped " + tally.capped(),
                "job.broadcast-send.outcome", tally.sent(), tally.heldOut(), tally.capped());
    }
}
