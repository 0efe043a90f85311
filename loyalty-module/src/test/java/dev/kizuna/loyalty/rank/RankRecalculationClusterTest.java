package dev.kizuna.loyalty.rank;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.kizuna.loyalty.rank.RankTestData.tokyo;
import static org.assertj.core.api.Assertions.assertThat;

/** Two clustered nodes asked to recalculate at the same moment: each member's change is made and recorded once. */
class RankRecalculationClusterTest {
    final List<KizunaRuntime> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(KizunaRuntime::close);
    }

    @Test
    void two_nodes_running_the_job_at_once_record_each_change_once() throws Exception {
        Map<String, String> scheduled = Map.of("kizuna.scheduler.enabled", "true", "kizuna.ranks.batch-size", "10");
        FakeHost host = new FakeHost();
        KizunaRuntime a = TestKizuna.install(host, merge(scheduled, "kizuna.node-id", "node-a"));
        nodes.add(a);
        KizunaRuntime b = TestKizuna.installNode(host, a.context().config().jdbcUrl(), merge(scheduled, "kizuna.node-id", "node-b"));
        nodes.add(b);
        RankTestData data = new RankTestData(a);
        for (int i = 0; i < 60; i++) {
            data.earnOrders(data.member("C-" + i), 2 + i % 8, 100, tokyo(2026, 5, 1 + i % 28, 12, 0, 0));
        }
        Instant now = tokyo(2026, 6, 1, 3, 0, 0);
        a.context().clock().set(now);
        b.context().clock().set(now);

        a.scheduler().runNow(RankRecalculationJob.NAME);
        b.scheduler().runNow(RankRecalculationJob.NAME);
        List<JobRuns.JobRun> runs = awaitBothFinished(data);

        assertThat(runs).extracting(JobRuns.JobRun::status).containsOnly(JobRunStatus.SUCCEEDED);
        // However the cluster interleaves the two runs, each member's upgrade is written and recorded once.
        assertThat(runs.stream().mapToLong(RankRecalculationClusterTest::changed).sum()).isEqualTo(60);
        assertThat(data.number("SELECT count(*) FROM rank_history")).isEqualTo(60);
        assertThat(data.number("SELECT count(DISTINCT member_id) FROM rank_history")).isEqualTo(60);
        assertThat(data.number("SELECT count(*) FROM member_rank WHERE rank_code <> 'REGULAR'")).isEqualTo(60);
    }

    /** Both requested runs, once each has finished for good (a run's own thread has written its outcome). */
    static List<JobRuns.JobRun> awaitBothFinished(RankTestData data) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (data.number("SELECT count(*) FROM job_run WHERE job_name = ? AND outcome IS NOT NULL",
                    RankRecalculationJob.NAME) == 2) {
                break;
            }
            Thread.sleep(100);
        }
        return data.tx(tx -> tx.sql().list("SELECT id, status, outcome FROM job_run WHERE job_name = ? ORDER BY id",
                rs -> new JobRuns.JobRun(rs.getLong(1), RankRecalculationJob.NAME, null, null,
                        JobRunStatus.valueOf(rs.getString(2)), null,
                        null, null, 0, 0, 0, rs.getString(3), null, null, null), RankRecalculationJob.NAME));
    }

    static long changed(JobRuns.JobRun run) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) changed").matcher(run.outcome());
        assertThat(m.find()).as(run.outcome()).isTrue();
        return Long.parseLong(m.group(1));
    }

    static Map<String, String> merge(Map<String, String> base, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
