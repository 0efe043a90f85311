package dev.kizuna.messaging.delivery;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.scheduling.RetryBackoff;
import dev.kizuna.messaging.channel.LineChannel;
import dev.kizuna.messaging.channel.LinePush;

import java.util.List;
import java.util.Optional;

/**
 * {@code line-delivery} (every minute): pushes queued LINE messages. A push that LINE throttles (429) or fails
 * (5xx) after the client's own retries waits with the outbox's backoff and is tried again with the same retry key;
 * a refusal (4xx) or too many attempts is FAILED. Without a channel access token messages wait.
 */
public final class LineDeliveryJob implements KizunaJob {
    public static final String NAME = "line-delivery";
    static final int MAX_ATTEMPTS = 10;
    private static final int BATCH = 100;

    private final MessageStore store = new MessageStore();
    private final Database db;
    private final LinePush push;
    private final LineChannel channel;
    private final ShopClock clock;

    public LineDeliveryJob(Database db, LinePush push, LineChannel channel, ShopClock clock) {
        this.db = db;
        this.push = push;
        this.channel = channel;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Pushes queued LINE messages through the Messaging API";
    }

    @Override
    public String defaultSchedule() {
        return "30 * * * * ?";
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        if (!push.configured()) {
            ctx.outcome("no LINE channel access token configured", "job.line-delivery.outcome-no-token");
            return;
        }
        long delivered = 0;
        long failed = 0;
        List<MessageStore.Queued> due;
        do {
            due = db.inTransaction(tx -> store.dueLine(tx, clock.instant(), BATCH));
            for (MessageStore.Queued q : due) {
                Optional<String> userId = channel.address(q.customerRef());
                LinePush.Result r = userId.isPresent() ? push.push(q.id(), userId.get(), q.text())
                        : new LinePush.Result(LinePush.Outcome.REFUSED, 0, "no LINE user id");
                int attempts = q.attempts() + 1;
                MessageStatus status = switch (r.outcome()) {
                    case DELIVERED -> MessageStatus.DELIVERED;
                    case REFUSED -> MessageStatus.FAILED;
                    case RETRY_LATER -> attempts >= MAX_ATTEMPTS ? MessageStatus.FAILED : MessageStatus.QUEUED;
                };
                db.execute(tx -> store.pushed(tx, q.id(), status, clock.instant(),
                        clock.instant().plus(RetryBackoff.afterAttempts(attempts))));
                if (status == MessageStatus.DELIVERED) {
                    delivered++;
                } else if (status == MessageStatus.FAILED) {
                    failed++;
                }
            }
        } while (due.size() == BATCH && !ctx.stopRequested());
        ctx.outcome("delivered " + delivered + ", failed " + failed, "job.line-delivery.outcome", delivered, failed);
    }
}
