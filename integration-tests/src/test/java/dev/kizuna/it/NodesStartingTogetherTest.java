package dev.kizuna.it;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestDatabases;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes of one shop started at the same moment on an empty database (a new installation rolled out to every
 * node at once): every one of them starts, and the schema is migrated once.
 */
class NodesStartingTogetherTest {

    @Test
    void three_nodes_started_together_on_an_empty_database_all_start() throws Exception {
        String url = TestDatabases.emptyDatabase();
        int nodes = 3;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        List<Future<KizunaRuntime>> starting = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            String node = "node-" + i;
            starting.add(pool.submit(() -> {
                go.await();
                return TestKizuna.installNode(new FakeHost(), url, Map.of("kizuna.node-id", node));
            }));
        }
        go.countDown();
        List<KizunaRuntime> started = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();
        for (Future<KizunaRuntime> f : starting) {
            try {
                started.add(f.get(5, TimeUnit.MINUTES));
            } catch (java.util.concurrent.ExecutionException e) {
                failed.add(e.getCause());
            }
        }
        try {
            assertThat(failed).as("nodes that did not start").isEmpty();
            long applied = started.get(0).context().database().inTransaction(tx -> tx.sql().number(
                    "SELECT count(*) FROM flyway_history_core WHERE version = '1' AND success"));
            assertThat(applied).as("core V1 applied once").isEqualTo(1);
        } finally {
            started.forEach(KizunaRuntime::close);
            pool.shutdownNow();
        }
    }
}
