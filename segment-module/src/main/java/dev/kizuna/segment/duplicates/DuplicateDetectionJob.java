package dev.kizuna.segment.duplicates;

import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;

import java.util.List;

/**
 * {@code customer-duplicates}: proposes likely duplicate customers. First it gives members written before the
 * name-and-birth-date index existed their index (keyset batches, each committed with its checkpoint, so a resumed run
 * goes on where it stopped), then one statement pairs every two live members sharing an e-mail, a phone, a name with
 * a birth date or the host's address hash ({@link DuplicateStore#detect}). A dismissed pair stays dismissed.
 *
 * <p>Configuration: {@code kizuna.segments.duplicates.schedule} (04:30 nightly), {@code .max-group} (members sharing
 * one value beyond which it is not taken as evidence; 20).
 */
final class DuplicateDetectionJob implements KizunaJob {
    static final String NAME = "customer-duplicates";
    private static final int BATCH = 1_000;

    private final Database db;
    private final DuplicateStore store;
    private final String schedule;
    private final int maxGroup;

    DuplicateDetectionJob(Database db, DuplicateStore store, KizunaConfig config) {
        this.db = db;
        this.store = store;
        this.schedule = config.get("kizuna.segments.duplicates.schedule").orElse("0 30 4 * * ?");
        this.maxGroup = config.intValue("kizuna.segments.duplicates.max-group", 20);
        if (maxGroup < 2) {
            throw new IllegalArgumentException("kizuna.segments.duplicates.max-group must be at least 2");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Proposes likely duplicate customers: the same e-mail, phone, name and birth date, or address";
    }

    @Override
    public List<Object> descriptionArgs() {
        return List.of();
    }

    @Override
    public String defaultSchedule() {
        return schedule;
    }

    @Override
    public void run(JobContext ctx) {
        long after = ctx.checkpoint().map(Long::parseLong).orElse(0L);
        long indexed = 0;
        while (!ctx.stopRequested()) {
            long from = after;
            List<Long> batch = db.inTransaction(tx -> store.withoutNameIndex(tx, from, BATCH));
            if (batch.isEmpty()) {
                break;
            }
            long last = batch.get(batch.size() - 1);
            long done = indexed + batch.size();
            db.inTransaction(tx -> {
                batch.forEach(id -> store.reindex(tx, id));
                ctx.progress(tx, done, 0, Long.toString(last));
                return null;
            });
            indexed = done;
            after = last;
        }
        DuplicateStore.Detected d = db.inTransaction(tx -> store.detect(tx, ctx.asOf(), maxGroup));
        long open = db.inTransaction(store::openCount);
        ctx.outcome(d.found() + " new likely duplicate pairs, " + open + " open; " + d.dropped()
                        + " no longer alike, " + d.closedAsMerged() + " merged by the host",
                "job.customer-duplicates.outcome", d.found(), open, d.dropped(), d.closedAsMerged());
    }
}
