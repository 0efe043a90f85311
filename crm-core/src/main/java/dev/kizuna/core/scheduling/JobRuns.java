package dev.kizuna.core.scheduling;

import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link KizunaJob} with its bookkeeping in {@code job_run}: start or resume, progress, outcome.
 * A run left unfinished (its node died, or it failed midway) within {@link #RESUME_WITHIN} is resumed from its
 * checkpoint with its original as-of time; an older one is abandoned and a fresh run starts.
 */
public final class JobRuns {
    static final Duration RESUME_WITHIN = Duration.ofHours(24);

    private final Database db;
    private final Clock clock;
    private final String nodeId;
    private final KizunaMetrics metrics;

    public JobRuns(Database db, Clock clock, String nodeId, KizunaMetrics metrics) {
        this.db = db;
        this.clock = clock;
        this.nodeId = nodeId;
        this.metrics = metrics;
    }

    public record JobRun(long id, String jobName, String nodeId, String trigger, JobRunStatus status, Instant asOf,
                         Instant startedAt, Instant finishedAt, long done, long total, int resumed, String outcome,
                         String error, String outcomeKey, List<String> outcomeArgs) {
        public JobRun {
            outcomeArgs = outcomeArgs == null ? List.of() : List.copyOf(outcomeArgs);
        }

        public Duration duration() {
            return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
        }

        public boolean running() {
            return status == JobRunStatus.RUNNING;
        }
    }

    /**
     * Runs the job now in this thread. A session advisory lock on the job's name, held on its own connection for
     * the whole run, makes runs of one job strictly sequential across the cluster: Quartz's
     * {@code DisallowConcurrentExecution} does not cover two triggers acquired by two nodes before either fired.
     * The lock dies with its connection, so a node that crashes mid-run never blocks the next one.
     */
    public JobRun run(KizunaJob job, String trigger, String requestId) {
        try (Connection lock = db.dataSource().getConnection()) {
            lock.setAutoCommit(true);
            try (PreparedStatement st = lock.prepareStatement("SELECT pg_advisory_lock(hashtext(?), 0)")) {
                st.setString(1, "kizuna-job:" + job.name());
                st.execute();
            }
            try {
                return runHoldingLock(job, trigger, requestId);
            } finally {
                try (PreparedStatement st = lock.prepareStatement("SELECT pg_advisory_unlock(hashtext(?), 0)")) {
                    st.setString(1, "kizuna-job:" + job.name());
                    st.execute();
                }
            }
        } catch (SQLException e) {
            throw new Database.PersistenceFailure(e);
        }
    }

    private JobRun runHoldingLock(KizunaJob job, String trigger, String requestId) {
        JobContext ctx = begin(job.name(), trigger, requestId);
        long started = System.nanoTime();
        try {
            job.run(ctx);
            JobRun run = finish(ctx, JobRunStatus.SUCCEEDED, null);
            metrics.jobRun(job.name(), JobRunStatus.SUCCEEDED.name(), Duration.ofNanos(System.nanoTime() - started));
            return run;
        } catch (Exception | Error e) {
            finish(ctx, JobRunStatus.FAILED, e.toString());
            metrics.jobRun(job.name(), JobRunStatus.FAILED.name(), Duration.ofNanos(System.nanoTime() - started));
            if (e instanceof Error err) {
                throw err;
            }
            return find(ctx.runId()).orElseThrow();
        }
    }

    private JobContext begin(String jobName, String trigger, String requestId) {
        Instant now = clock.instant();
        return db.inTransaction(tx -> {
            // The latest run resumes if it did not succeed, got past its first batch and is recent enough.
            Optional<JobContext> resumed = tx.sql().one("""
                    SELECT id, as_of, checkpoint, status FROM job_run WHERE job_name = ? ORDER BY id DESC LIMIT 1""",
                    rs -> JobRunStatus.valueOf(rs.getString(4)) == JobRunStatus.SUCCEEDED ? null
                            : new JobContext(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), db),
                    jobName)
                    .filter(c -> c.checkpoint().isPresent() && c.asOf().isAfter(now.minus(RESUME_WITHIN)));
            // Any other unfinished run of this job is dead (the caller holds the job's lock): close it.
            tx.sql().update("""
                    UPDATE job_run SET status = ?, finished_at = ?, error = coalesce(error, 'abandoned: node stopped mid-run')
                    WHERE job_name = ? AND finished_at IS NULL AND id <> ?""", JobRunStatus.FAILED, now, jobName,
                    resumed.map(JobContext::runId).orElse(-1L));
            if (resumed.isPresent()) {
                tx.sql().update("""
                        UPDATE job_run SET status = ?, node_id = ?, finished_at = NULL, error = NULL,
                               resumed = resumed + 1, request_id = coalesce(?, request_id) WHERE id = ?""",
                        JobRunStatus.RUNNING, nodeId, requestId, resumed.get().runId());
                return resumed.get();
            }
            long id = tx.sql().one("""
                    INSERT INTO job_run (job_name, node_id, trigger_kind, request_id, status, as_of, started_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1),
                    jobName, nodeId, trigger, requestId, JobRunStatus.RUNNING, now, Instant.now()).orElseThrow();
            return new JobContext(id, now, null, db);
        });
    }

    private JobRun finish(JobContext ctx, JobRunStatus status, String error) {
        db.execute(tx -> {
            tx.sql().update("""
                    UPDATE job_run SET status = ?, finished_at = ?, outcome = ?, outcome_key = ?, outcome_args = ?,
                                       error = ? WHERE id = ?""",
                    status, Instant.now(), ctx.outcome(), ctx.outcomeKey(),
                    tx.sql().textArray(ctx.outcomeArgs().toArray(String[]::new)), error, ctx.runId());
        });
        return find(ctx.runId()).orElseThrow();
    }

    public Optional<JobRun> find(long runId) {
        return db.inTransaction(tx -> tx.sql().one(SELECT + " WHERE id = ?", JobRuns::map, runId));
    }

    public Optional<JobRun> findByRequest(String requestId) {
        return db.inTransaction(tx -> tx.sql().one(SELECT + " WHERE request_id = ?", JobRuns::map, requestId));
    }

    public Optional<JobRun> latest(String jobName) {
        return db.inTransaction(tx -> tx.sql().one(SELECT + " WHERE job_name = ? ORDER BY id DESC LIMIT 1", JobRuns::map, jobName));
    }

    public List<JobRun> history(String jobName, int limit) {
        return db.inTransaction(tx -> tx.sql().list(SELECT + " WHERE job_name = ? ORDER BY id DESC LIMIT ?",
                JobRuns::map, jobName, limit));
    }

    private static final String SELECT = """
            SELECT id, job_name, node_id, trigger_kind, status, as_of, started_at, finished_at, done, total, resumed,
                   outcome, error, outcome_key, outcome_args FROM job_run""";

    private static JobRun map(ResultSet rs) throws SQLException {
        return new JobRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                JobRunStatus.valueOf(rs.getString(5)),
                Sql.instant(rs, "as_of"), Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"),
                rs.getLong(9), rs.getLong(10), rs.getInt(11), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getArray(15) == null ? List.of() : List.of((String[]) rs.getArray(15).getArray()));
    }
}
