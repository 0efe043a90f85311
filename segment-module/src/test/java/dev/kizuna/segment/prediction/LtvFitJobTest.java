package dev.kizuna.segment.prediction;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.segment.ShopHistory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The ltv-fit job over committed batches: a run that dies midway resumes and ends exactly as an unbroken run. */
class LtvFitJobTest {
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    static final Instant NOW = ShopHistory.noon(TODAY, 0);

    @Test
    void a_run_that_dies_midway_resumes_from_its_checkpoint_and_scores_as_an_unbroken_run() {
        List<String> unbroken = scores(false);
        List<String> resumed = scores(true);
        assertThat(unbroken).hasSize(24);
        assertThat(resumed).isEqualTo(unbroken);
    }

    @Test
    void a_rerun_drops_the_prediction_of_a_customer_left_without_purchases_and_a_dead_run_changes_no_reading() {
        try (KizunaRuntime kizuna = TestKizuna.install(new FakeHost(), java.util.Map.of("kizuna.segments.ltv.batch-size", "5"))) {
            ShopHistory shop = new ShopHistory(kizuna);
            Random random = new Random(11);
            for (int c = 0; c < 12; c++) {
                shop.customer("C" + c, "Customer " + c);
                for (int o = 0; o < 1 + random.nextInt(4); o++) {
                    shop.order("C" + c, ShopHistory.noon(TODAY, 10 + random.nextInt(300)), 1_000 + random.nextInt(9_000));
                }
            }
            String only = shop.order("C12", ShopHistory.noon(TODAY, 5), 5_000);
            shop.clock(NOW);
            assertThat(shop.run(LtvFitJob.NAME).status()).isEqualTo(JobRunStatus.SUCCEEDED);
            long c12 = shop.memberId("C12");
            LtvStore store = new LtvStore();
            assertThat(prediction(kizuna, store, c12)).isPresent();

            shop.cancel(only, NOW);
            LtvFitJob job = (LtvFitJob) kizuna.context().jobs().find(LtvFitJob.NAME).orElseThrow();
            job.observeBatches(last -> {
                throw new IllegalStateException("node died");
            });
            assertThat(kizuna.jobRuns().run(job, "manual", null).status()).isEqualTo(JobRunStatus.FAILED);
            assertThat(prediction(kizuna, store, c12))
                    .as("the unfinished run's model is not read yet").isPresent();
            assertThat(kizuna.context().database().inTransaction(tx -> store.deciles(tx)).stream()
                    .mapToLong(LtvStore.Decile::customers).sum()).isEqualTo(13);

            job.observeBatches(last -> { });
            assertThat(shop.run(LtvFitJob.NAME).status()).isEqualTo(JobRunStatus.SUCCEEDED);
            assertThat(prediction(kizuna, store, c12)).isEmpty();
            assertThat(shop.count("SELECT count(*) FROM ltv_score")).isEqualTo(12);
            assertThat(shop.count("SELECT count(*) FROM ltv_score WHERE member_id = ?", c12)).isZero();
        }
    }

    private static Optional<LtvStore.Prediction> prediction(KizunaRuntime kizuna, LtvStore store, long memberId) {
        return kizuna.context().database().inTransaction(tx -> store.prediction(tx, memberId));
    }

    /** One line per scored customer: ref, purchases, expectation, P(alive), value, decile. */
    private List<String> scores(boolean dieAtSecondBatch) {
        try (KizunaRuntime kizuna = TestKizuna.install(new FakeHost(), java.util.Map.of("kizuna.segments.ltv.batch-size", "5"))) {
            ShopHistory shop = new ShopHistory(kizuna);
            Random random = new Random(7);
            for (int c = 0; c < 24; c++) {
                String ref = "C" + c;
                shop.customer(ref, "Customer " + c);
                int orders = 1 + random.nextInt(6);
                for (int o = 0; o < orders; o++) {
                    shop.order(ref, ShopHistory.noon(TODAY, 1 + random.nextInt(300)), 1_000 + random.nextInt(9_000));
                }
            }
            shop.customer("NOBODY", "No purchases");
            shop.clock(NOW);
            LtvFitJob job = (LtvFitJob) kizuna.context().jobs().find(LtvFitJob.NAME).orElseThrow();
            if (dieAtSecondBatch) {
                AtomicInteger batches = new AtomicInteger();
                job.observeBatches(last -> {
                    if (batches.incrementAndGet() == 2) {
                        throw new IllegalStateException("node died");
                    }
                });
                JobRuns.JobRun died = kizuna.jobRuns().run(job, "manual", null);
                assertThat(died.status()).isEqualTo(JobRunStatus.FAILED);
                assertThat(shop.count("SELECT count(*) FROM ltv_score")).as("the first batch committed").isEqualTo(5);
                job.observeBatches(last -> { });
            }
            JobRuns.JobRun run = shop.run(LtvFitJob.NAME);
            assertThat(run.resumed()).isEqualTo(dieAtSecondBatch ? 1 : 0);
            return kizuna.context().database().inTransaction(tx -> tx.sql().list("""
                    SELECT m.customer_ref, s.x, s.expected_purchases, s.p_alive, s.predicted_value, s.decile
                    FROM ltv_score s JOIN member m ON m.id = s.member_id ORDER BY m.customer_ref""",
                    rs -> String.format(Locale.ROOT, "%s %d %.9f %.9f %d %d", rs.getString(1), rs.getInt(2),
                            rs.getDouble(3), rs.getDouble(4), rs.getLong(5), rs.getInt(6))));
        }
    }
}
