package dev.kizuna.core.scheduling;

import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two scheduler nodes on one database behave as one: each trigger fires once, runs never overlap. */
class ClusteredSchedulerTest {
    Database db;
    final List<JobScheduler> nodes = new ArrayList<>();

    static final class Tick implements KizunaJob {
        private final String schedule;

        Tick(String schedule) {
            this.schedule = schedule;
        }

        @Override
        public String name() {
            return "tick";
        }

        @Override
        public String description() {
            return "test job";
        }

        @Override
        public String defaultSchedule() {
            return schedule;
        }

        @Override
        public void run(JobContext context) throws InterruptedException {
            Thread.sleep(150);
            context.outcome("ticked");
        }
    }

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.freshDatabase(), "postgres", "", 8,
                List.of(new Database.Migration("core", "classpath:db/migration/core")), List.of());
    }

    @AfterEach
    void close() {
        nodes.forEach(JobScheduler::close);
        db.close();
    }

    JobScheduler node(String id, String schedule) {
        JobRegistry registry = new JobRegistry();
        registry.register(new Tick(schedule));
        JobScheduler s = new JobScheduler(db, registry, new JobRuns(db, Clock.systemUTC(), id, KizunaMetrics.ownPrometheus()), id, ZoneOffset.UTC, 2);
        s.start(Map.of());
        nodes.add(s);
        return s;
    }

    record Run(String node, Instant started, Instant finished, String requestId) {
    }

    List<Run> runs() {
        return db.inTransaction(tx -> tx.sql().list(
                "SELECT node_id, started_at, finished_at, request_id FROM job_run WHERE job_name = 'tick' ORDER BY started_at",
                rs -> new Run(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4))));
    }

    @Test
    void a_trigger_firing_every_second_runs_once_per_second_across_two_nodes() throws Exception {
        node("node-a", "* * * * * ?");
        node("node-b", "* * * * * ?");
        Instant start = Instant.now();
        Thread.sleep(8_000);
        nodes.forEach(JobScheduler::close);
        nodes.clear();
        long seconds = Duration.between(start, Instant.now()).toSeconds();

        List<Run> runs = runs();
        // Two independent schedulers would give ~2 runs a second; a cluster gives at most one per fire time.
        assertThat(runs.size()).isBetween(3, (int) seconds + 2);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).started()).as("runs never overlap").isAfterOrEqualTo(runs.get(i - 1).finished());
        }
    }

    @Test
    void run_now_requests_from_both_nodes_each_run_exactly_once() throws Exception {
        JobScheduler a = node("node-a", "0 0 0 1 1 ? 2099");
        JobScheduler b = node("node-b", "0 0 0 1 1 ? 2099");
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add((i % 2 == 0 ? a : b).runNow("tick"));
        }
        for (String r : requests) {
            JobRuns.JobRun run = a.awaitRun(r, Duration.ofSeconds(30)).orElseThrow();
            assertThat(run.status()).as("run %s: %s; all runs: %s", r, run.error(), runs()).isEqualTo(JobRunStatus.SUCCEEDED);
        }
        List<Run> runs = runs();
        assertThat(runs).hasSize(6);
        assertThat(runs.stream().map(Run::requestId).distinct()).containsExactlyInAnyOrderElementsOf(requests);
    }
}
