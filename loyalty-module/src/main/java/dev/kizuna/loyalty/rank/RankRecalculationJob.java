package dev.kizuna.loyalty.rank;

import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.scheduling.KeysetBatchJob;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rank-recalculation}: judges every member's rank as of the run's as-of time, in keyset batches over member
 * ids. Per batch, one statement counts the batch's figures from {@code points_earned} and the order mirror, the
 * {@link RankPolicy} decides in memory, and one statement writes only the members whose rank (or hold) changed and
 * appends their history. Each batch commits with its checkpoint, so a run that dies resumes after its last batch
 * and, judging by the same as-of time, ends where an uninterrupted run would.
 *
 * <p>Schedule: monthly, 03:00 on the 1st in the shop's time zone; {@code kizuna.ranks.schedule} (or the generic
 * {@code kizuna.jobs.rank-recalculation.schedule}) sets another Quartz cron, e.g. {@code 0 0 3 * * ?} for daily.
 * {@code kizuna.ranks.batch-size} sets the members per batch (default 5,000).
 */
final class RankRecalculationJob extends KeysetBatchJob {
    static final String NAME = "rank-recalculation";
    static final String DEFAULT_SCHEDULE = "0 0 3 1 * ?";

    /** Lets a test stop a batch midway (after its writes, before its commit), as a crash would. */
    interface BatchObserver {
        void batchProcessed(List<Long> memberIds);
    }

    private final RankStore store;
    private final ZoneId zone;
    private final String schedule;
    private final int batchSize;
    private volatile BatchObserver observer = ids -> { };

    RankRecalculationJob(RankStore store, ZoneId zone, KizunaConfig config) {
        this.store = store;
        this.zone = zone;
        this.schedule = config.get("kizuna.ranks.schedule").orElse(DEFAULT_SCHEDULE);
        this.batchSize = config.intValue("kizuna.ranks.batch-size", 5_000);
        if (batchSize < 1) {
            throw new IllegalArgumentException("kizuna.ranks.batch-size must be at least 1");
        }
    }

    /** The cron the cluster runs this job on, with the generic override taking precedence as in the scheduler. */
    static String effectiveSchedule(KizunaConfig config) {
        return config.get("kizuna.jobs." + NAME + ".schedule")
                .orElseGet(() -> config.get("kizuna.ranks.schedule").orElse(DEFAULT_SCHEDULE));
    }

    void observeBatches(BatchObserver observer) {
        this.observer = observer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Recalculates every member's rank from points earned and orders in the qualification window";
    }

    @Override
    public String defaultSchedule() {
        return schedule;
    }

    @Override
    protected int batchSize() {
        return batchSize;
    }

    @Override
    protected long total(Tx tx, Instant asOf) {
        return tx.sql().number("SELECT count(*) FROM member WHERE erased_at IS NULL");
    }

    @Override
    protected List<Long> nextKeys(Tx tx, long after, int limit, Instant asOf) {
        return tx.sql().list("SELECT id FROM member WHERE id > ? AND erased_at IS NULL ORDER BY id LIMIT ?",
                rs -> rs.getLong(1), after, limit);
    }

    @Override
    protected long process(Tx tx, List<Long> keys, Instant asOf) {
        RankProgram program = store.program(tx);
        QualificationWindow window = QualificationWindow.of(asOf, program.windowMonths(), zone);
        List<RankStore.MemberDecision> decisions = new ArrayList<>(keys.size());
        for (RankStore.Judged j : store.figures(tx, keys, window, program.usesSpend())) {
            decisions.add(new RankStore.MemberDecision(j.memberId(), j.current(),
                    RankPolicy.recalculate(program, j.current(), j.figures(), window.lastDay()), j.figures()));
        }
        long changed = store.apply(tx, decisions, RankQueries.HistoryTrigger.RECALCULATION, window, asOf);
        observer.batchProcessed(keys);
        return changed;
    }

    @Override
    protected String outcome(long visited, long changed) {
        return "judged " + visited + " members, " + changed + " changed rank or hold";
    }
}
