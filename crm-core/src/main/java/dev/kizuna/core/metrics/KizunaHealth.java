package dev.kizuna.core.metrics;

import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.scheduling.JobScheduler;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether this node can do its work, and if not why: the database answers, the node's scheduler is running and
 * checking in to the cluster, and the host outbox holds no event older than {@code kizuna.health.backlog-max-age}.
 * The database checks run on a thread of their own with a time limit, so a database that hangs (a pool waiting
 * for a connection) makes the answer DOWN within that limit instead of holding the caller.
 */
public final class KizunaHealth implements AutoCloseable {
    /** Quartz checks in every 5 s (JobScheduler); missing four check-ins means the node left the cluster. */
    static final Duration CHECKIN_STALE = Duration.ofSeconds(20);

    public enum Status { UP, DOWN }

    /** One thing checked: its name (database, scheduler, host-outbox), whether it is fine, and why not. */
    public record Check(String name, boolean up, String reason) {
    }

    public record Report(Status status, List<Check> checks) {
        public Report {
            checks = List.copyOf(checks);
        }

        public List<Check> failing() {
            return checks.stream().filter(c -> !c.up()).toList();
        }
    }

    private final Database db;
    private final JobScheduler scheduler;
    private final boolean schedulerEnabled;
    private final String nodeId;
    private final Duration backlogMaxAge;
    private final Duration timeout;
    private final ExecutorService checking = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kizuna-health");
        t.setDaemon(true);
        return t;
    });
    private Future<List<Check>> pending;

    public KizunaHealth(Database db, JobScheduler scheduler, boolean schedulerEnabled, String nodeId,
                        Duration backlogMaxAge, Duration timeout) {
        this.db = db;
        this.scheduler = scheduler;
        this.schedulerEnabled = schedulerEnabled;
        this.nodeId = nodeId;
        this.backlogMaxAge = backlogMaxAge;
        this.timeout = timeout;
    }

    public Report check() {
        List<Check> checks = new ArrayList<>(databaseChecks());
        if (schedulerEnabled && !scheduler.running()) {
            checks.add(new Check("scheduler", false, "this node's scheduler is not running"));
        }
        boolean up = checks.stream().allMatch(Check::up);
        return new Report(up ? Status.UP : Status.DOWN, checks);
    }

    /** Runs the database checks on the checking thread; a check still running from an earlier call is waited for. */
    private synchronized List<Check> databaseChecks() {
        if (pending == null || pending.isDone()) {
            pending = checking.submit(this::queryDatabase);
        }
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return List.of(new Check("database", false, "no answer within " + timeout.toSeconds() + " s"));
        } catch (ExecutionException e) {
            return List.of(new Check("database", false, "unreachable: " + e.getCause().getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(new Check("database", false, "check interrupted"));
        }
    }

    private List<Check> queryDatabase() throws SQLException {
        List<Check> checks = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            try {
                checks.add(new Check("database", true, ""));
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT extract(epoch FROM now() - min(appended_at))::bigint FROM host_outbox");
                     ResultSet rs = st.executeQuery()) {
                    rs.next();
                    long age = rs.getLong(1);
                    boolean waiting = !rs.wasNull() && age > backlogMaxAge.toSeconds();
                    checks.add(new Check("host-outbox", !waiting, waiting
                            ? "the oldest event has waited " + age + " s for the relay (limit " + backlogMaxAge.toSeconds() + " s)"
                            : ""));
                }
                if (schedulerEnabled) {
                    checks.add(clusterCheckIn(c));
                }
            } finally {
                c.rollback();
            }
        }
        return checks;
    }

    private Check clusterCheckIn(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint - last_checkin_time
                FROM qrtz_scheduler_state WHERE sched_name = ? AND instance_name = ?""")) {
            st.setString(1, JobScheduler.CLUSTER_NAME);
            st.setString(2, nodeId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return new Check("scheduler", false, "this node has not joined the job cluster");
                }
                long sinceMillis = rs.getLong(1);
                return sinceMillis > CHECKIN_STALE.toMillis()
                        ? new Check("scheduler", false, "this node last checked in to the job cluster "
                        + sinceMillis / 1000 + " s ago")
                        : new Check("scheduler", true, "");
            }
        }
    }

    @Override
    public void close() {
        checking.shutdownNow();
    }
}
