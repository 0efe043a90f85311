package dev.kizuna.core.scheduling;

import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch job that dies midway resumes after its last committed batch and finishes with every row done once. */
class KeysetBatchJobResumeTest {
    Database db;
    JobRuns runs;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.freshDatabase(), "postgres", "", 4,
                List.of(new Database.Migration("core", "classpath:db/migration/core")), List.of());
        runs = new JobRuns(db, Clock.systemUTC(), "node-a", KizunaMetrics.ownPrometheus());
        db.execute(tx -> {
            tx.sql().update("CREATE TABLE item (id bigint PRIMARY KEY, processed_count int NOT NULL DEFAULT 0, as_of timestamptz)");
            tx.sql().update("INSERT INTO item (id) SELECT g FROM generate_series(1, 10) g");
        });
    }

    long count(String sql) {
        return db.inTransaction(tx -> tx.sql().number(sql));
    }

    @AfterEach
    void close() {
        db.close();
    }

    static final class MarkItems extends KeysetBatchJob {
        int crashAtBatch;
        int batches;

        @Override
        public String name() {
            return "mark-items";
        }

        @Override
        public String description() {
            return "marks every item";
        }

        @Override
        public String defaultSchedule() {
            return "0 0 3 * * ?";
        }

        @Override
        protected int batchSize() {
            return 3;
        }

        @Override
        protected long total(Tx tx, Instant asOf) {
            return tx.sql().number("SELECT count(*) FROM item");
        }

        @Override
        protected List<Long> nextKeys(Tx tx, long after, int limit, Instant asOf) {
            return tx.sql().list("SELECT id FROM item WHERE id > ? ORDER BY id LIMIT ?", rs -> rs.getLong(1), after, limit);
        }

        @Override
        protected long process(Tx tx, List<Long> keys, Instant asOf) {
            tx.sql().update("UPDATE item SET processed_count = processed_count + 1, as_of = ? WHERE id = ANY(?)",
                    asOf, tx.sql().longArray(keys.toArray(Long[]::new)));
            if (++batches == crashAtBatch) {
                throw new IllegalStateException("node died");
            }
            return keys.size();
        }
    }

    @Test
    void a_run_killed_midway_resumes_from_its_last_committed_batch() {
        MarkItems job = new MarkItems();
        job.crashAtBatch = 2;

        JobRuns.JobRun first = runs.run(job, "schedule", null);
        assertThat(first.status()).isEqualTo(JobRunStatus.FAILED);
        assertThat(first.done()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM item WHERE processed_count = 1")).isEqualTo(3);

        job.crashAtBatch = 0;
        JobRuns.JobRun second = runs.run(job, "schedule", null);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.status()).isEqualTo(JobRunStatus.SUCCEEDED);
        assertThat(second.resumed()).isEqualTo(1);
        assertThat(second.done()).isEqualTo(10);
        assertThat(second.asOf()).isEqualTo(first.asOf());
        assertThat(count("SELECT count(*) FROM item WHERE processed_count = 1")).isEqualTo(10);
        assertThat(count("SELECT count(DISTINCT as_of) FROM item")).as("one as-of time").isEqualTo(1);
    }

    @Test
    void a_finished_run_is_not_resumed_the_next_run_starts_fresh() {
        MarkItems job = new MarkItems();
        JobRuns.JobRun first = runs.run(job, "schedule", null);
        JobRuns.JobRun second = runs.run(job, "schedule", null);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(count("SELECT count(*) FROM item WHERE processed_count = 2")).isEqualTo(10);
    }
}
