package dev.kizuna.loyalty.rank;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.kizuna.loyalty.rank.RankTestData.tokyo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recalculation that dies midway and is resumed ends exactly where an uninterrupted run on the same data ends:
 * same ranks, same holds, same history, each change recorded once.
 */
class RankRecalculationResumeTest {
    static final int MEMBERS = 40;
    static final Instant[] EARLIER_RUNS = {tokyo(2026, 6, 1, 3, 0, 0), tokyo(2026, 8, 1, 3, 0, 0)};
    /** The run under test: holds started on 1 August end, new holds start, September's buyers rise. */
    static final Instant RUN = tokyo(2026, 10, 1, 3, 0, 0);

    final List<KizunaRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void close() {
        runtimes.forEach(KizunaRuntime::close);
    }

    /** The same members and earnings on a fresh database, already judged by the earlier monthly runs. */
    RankTestData dataset() {
        KizunaRuntime k = TestKizuna.install(new FakeHost(), Map.of("kizuna.ranks.batch-size", "3"));
        runtimes.add(k);
        RankTestData data = new RankTestData(k);
        data.sql("UPDATE rank_program SET downgrade_policy = 'KEEP_UNTIL_END_OF_NEXT_PERIOD'");
        for (int i = 1; i <= MEMBERS; i++) {
            long m = data.member("C-" + i);
            // A third bought in January and February (ranked in June, held from August, dropped in October), a third
            // in March (ranked in June, held from October), a third in September (ranked in October); amounts vary.
            int orders = 2 + i % 6;
            long points = 40L * (1 + i % 20);
            int month = switch (i % 3) {
                case 0 -> 1 + i % 2;
                case 1 -> 3;
                default -> 9;
            };
            for (int o = 0; o < orders; o++) {
                data.earn(m, "O-" + i + "-" + o, points, tokyo(2026, month, 1 + (i + o) % 27, 10, 0, 0));
            }
            if (i % 5 == 0) {
                data.earn(m, null, 500, tokyo(2026, 7, 15, 10, 0, 0));
            }
        }
        for (Instant run : EARLIER_RUNS) {
            assertThat(data.recalculate(run).status()).isEqualTo(JobRunStatus.SUCCEEDED);
        }
        return data;
    }

    record Outcome(List<String> ranks, List<String> history) {
    }

    Outcome outcome(RankTestData data) {
        return new Outcome(
                data.tx(tx -> tx.sql().list("""
                        SELECT m.customer_ref, r.rank_code, r.since, r.held_until FROM member_rank r
                        JOIN member m ON m.id = r.member_id ORDER BY m.customer_ref""",
                        rs -> rs.getString(1) + " " + rs.getString(2) + " since "
                                + rs.getTimestamp(3).toInstant().truncatedTo(ChronoUnit.MINUTES) + " held " + rs.getObject(4))),
                data.tx(tx -> tx.sql().list("""
                        SELECT m.customer_ref, h.from_code, h.to_code, h.change, h.changed_at, h.points, h.orders,
                               h.spend, h.window_from, h.window_to
                        FROM rank_history h JOIN member m ON m.id = h.member_id
                        ORDER BY m.customer_ref, h.id""",
                        rs -> rs.getString(1) + " " + rs.getString(2) + "->" + rs.getString(3) + " " + rs.getString(4)
                                + " at " + rs.getTimestamp(5).toInstant().truncatedTo(ChronoUnit.MINUTES)
                                + " " + rs.getLong(6) + "p " + rs.getLong(7) + "o " + rs.getLong(8) + "y "
                                + rs.getObject(9) + ".." + rs.getObject(10))));
    }

    @Test
    void an_interrupted_and_resumed_run_gives_the_same_result_as_an_uninterrupted_one() {
        RankTestData clean = dataset();
        assertThat(clean.recalculate(RUN).status()).isEqualTo(JobRunStatus.SUCCEEDED);
        Outcome expected = outcome(clean);

        RankTestData crashed = dataset();
        AtomicInteger batches = new AtomicInteger();
        crashed.job().observeBatches(ids -> {
            if (batches.incrementAndGet() == 5) {
                throw new IllegalStateException("node lost its database connection");
            }
        });
        JobRuns.JobRun first = crashed.recalculate(RUN);
        assertThat(first.status()).isEqualTo(JobRunStatus.FAILED);
        assertThat(first.done()).as("four batches of three committed").isEqualTo(12);

        crashed.job().observeBatches(ids -> { });
        JobRuns.JobRun resumed = runtimes.get(1).jobRuns().run(crashed.job(), "recovery", null);

        assertThat(resumed.id()).isEqualTo(first.id());
        assertThat(resumed.status()).isEqualTo(JobRunStatus.SUCCEEDED);
        assertThat(resumed.resumed()).isEqualTo(1);
        assertThat(resumed.asOf()).isEqualTo(first.asOf());
        assertThat(resumed.done()).isEqualTo(MEMBERS);
        Outcome actual = outcome(crashed);
        assertThat(actual.ranks()).containsExactlyElementsOf(expected.ranks());
        assertThat(actual.history()).containsExactlyElementsOf(expected.history());
        // The dataset must exercise every kind of change for the comparison to mean something.
        assertThat(expected.history()).anyMatch(h -> h.contains(" UPGRADE at 2026-09-30T18:00:00Z"))
                .anyMatch(h -> h.contains(" DOWNGRADE at 2026-09-30T18:00:00Z"));
        assertThat(expected.ranks()).anyMatch(r -> r.contains("held 2026-11-30"));
    }
}
