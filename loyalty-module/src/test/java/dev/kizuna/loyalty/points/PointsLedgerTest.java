package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.kizuna.loyalty.points.PointsTestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Earning, confirmation, cancel, returns, debt, redemption, expiry and verification on a real database. */
class PointsLedgerTest {
    static KizunaRuntime kizuna;
    static PointsTestData data;
    static final Instant T0 = Instant.parse("2026-03-01T03:00:00Z");

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.points.max-share-percent", "50"));
        data = new PointsTestData(kizuna);
    }

    @AfterAll
    static void close() {
        kizuna.close();
    }

    static PointsQueries.Balance b(long available, long pending, long reserved, long debt) {
        return new PointsQueries.Balance(available, pending, reserved, debt);
    }

    @Test
    void an_order_earns_pending_points_that_become_available_after_delivery_and_the_return_window() {
        data.at(T0);
        long m = data.register("C-earn");
        data.order("O-earn", "C-earn", List.of(line("TEA", 1, 10_000)));
        assertThat(data.balance(m)).isEqualTo(b(0, 100, 0, 0));

        data.deliver("O-earn");
        data.at(T0.plus(Duration.ofDays(13)));
        data.run(PointsConfirmationJob.NAME);
        assertThat(data.balance(m)).isEqualTo(b(0, 100, 0, 0));

        data.at(T0.plus(Duration.ofDays(14)).plusSeconds(1));
        JobRuns.JobRun run = data.run(PointsConfirmationJob.NAME);
        assertThat(run.status()).isEqualTo(JobRunStatus.SUCCEEDED);
        assertThat(data.balance(m)).isEqualTo(b(100, 0, 0, 0));
        assertThat(data.number("SELECT sum(points) FROM points_earned WHERE member_id = ?", m)).isEqualTo(100);
        data.run(PointsConfirmationJob.NAME);
        assertThat(data.balance(m)).isEqualTo(b(100, 0, 0, 0));
    }

    @Test
    void cancelling_an_order_removes_its_pending_points_and_gives_redeemed_points_back() {
        data.at(T0);
        long m = data.register("C-cancel");
        data.grant(m, 200, "SURVEY", "resp-1");
        data.checkout().reserve("C-cancel", "O-cancel", "JPY", 5_000, 50);
        data.checkout().commit("O-cancel");
        data.order("O-cancel", "C-cancel", 50, List.of(line("TEA", 1, 5_000)));
        assertThat(data.balance(m)).isEqualTo(b(150, 49, 0, 0)); // (5,000 - 50) / 100, rounded down

        data.checkout().release("O-cancel");   // the host gives the points back, then tells of the cancel
        data.cancel("O-cancel");
        assertThat(data.balance(m)).isEqualTo(b(200, 0, 0, 0));
        assertThat(data.number("SELECT count(*) FROM points_entry WHERE member_id = ? AND kind = 'REFUND'", m)).isEqualTo(1);
    }

    @Test
    void a_partial_return_reverses_only_the_returned_lines_share_and_a_reversal_beyond_available_becomes_debt() {
        data.at(T0);
        long m = data.register("C-return");
        data.order("O-ret", "C-return", List.of(line("CUP", 3, 2_000), line("POT", 1, 4_000)));   // 60 + 40
        data.deliver("O-ret");
        data.at(T0.plus(Duration.ofDays(15)));
        data.run(PointsConfirmationJob.NAME);
        assertThat(data.balance(m)).isEqualTo(b(100, 0, 0, 0));

        data.returnLines("O-ret", new OrderReturned.ReturnedLine("CUP", 1));
        assertThat(data.balance(m)).isEqualTo(b(80, 0, 0, 0));

        data.checkout().reserve("C-return", "O-spend", "JPY", 1_000, 70);
        data.checkout().commit("O-spend");
        assertThat(data.balance(m)).isEqualTo(b(10, 0, 0, 0));

        data.returnLines("O-ret", new OrderReturned.ReturnedLine("CUP", 2), new OrderReturned.ReturnedLine("POT", 1));
        assertThat(data.balance(m)).isEqualTo(b(0, 0, 0, 70));
        assertThat(data.number("SELECT sum(points) FROM points_earned WHERE member_id = ?", m)).isZero();

        data.grant(m, 50, "SURVEY", "r-1");
        assertThat(data.balance(m)).isEqualTo(b(0, 0, 0, 20));
        assertThat(data.checkout().quote("C-return", "JPY", 10_000).maximum()).isZero();
        data.grant(m, 50, "SURVEY", "r-2");
        assertThat(data.balance(m)).isEqualTo(b(30, 0, 0, 0));
        assertThat(data.grant(m, 50, "SURVEY", "r-2")).isFalse();
        assertThat(data.balance(m)).isEqualTo(b(30, 0, 0, 0));
    }

    @Test
    void a_return_while_pending_reduces_pending_and_the_rest_confirms() {
        data.at(T0);
        long m = data.register("C-pret");
        data.order("O-pret", "C-pret", List.of(line("CUP", 4, 1_000), line("POT", 1, 6_000)));
        data.deliver("O-pret");
        data.returnLines("O-pret", new OrderReturned.ReturnedLine("CUP", 1));
        assertThat(data.balance(m)).isEqualTo(b(0, 90, 0, 0));
        data.at(T0.plus(Duration.ofDays(20)));
        data.run(PointsConfirmationJob.NAME);
        assertThat(data.balance(m)).isEqualTo(b(90, 0, 0, 0));
    }

    @Test
    void invalid_redemptions_and_grants_are_refused_and_write_nothing() {
        data.at(T0);
        long m = data.register("C-bad");
        data.grant(m, 100, "SURVEY", "r-bad");
        long before = data.ledgerRows();
        assertThatThrownBy(() -> data.checkout().reserve("C-bad", "O-b1", "JPY", 1_000, -5))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("points"));
        assertThatThrownBy(() -> data.checkout().reserve("C-bad", "O-b1", "USD", 1_000, 5))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("currency"));
        assertThatThrownBy(() -> data.checkout().reserve("C-nobody", "O-b1", "JPY", 1_000, 5)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> data.checkout().reserve("C-bad", "O-b1", "JPY", 100, 60))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("POINTS_ABOVE_SHARE"));
        assertThatThrownBy(() -> data.checkout().reserve("C-bad", "O-b1", "JPY", 10_000, 101))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("INSUFFICIENT_POINTS"));
        assertThatThrownBy(() -> data.grant(m, 0, "SURVEY", "r-zero"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("points"));
        assertThatThrownBy(() -> data.checkout().commit("O-never")).isInstanceOf(NotFound.class);
        assertThat(data.ledgerRows()).isEqualTo(before);
        assertThat(data.checkout().quote("C-bad", "JPY", 100).maximum()).isEqualTo(50);
    }

    @Test
    void sixteen_threads_redeeming_from_one_account_never_spend_the_same_points() throws Exception {
        data.at(T0);
        long m = data.register("C-race");
        data.grant(m, 1_000, "SURVEY", "r-race");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            tasks.add(() -> {
                int won = 0;
                for (int i = 0; i < 4; i++) {
                    String order = "O-race-" + thread + "-" + i;
                    try {
                        data.checkout().reserve("C-race", order, "JPY", 10_000, 70);
                        data.checkout().commit(order);
                        won++;
                    } catch (Conflict c) {
                        assertThat(c.code()).isEqualTo("INSUFFICIENT_POINTS");
                        refused.incrementAndGet();
                    }
                }
                return won;
            });
        }
        int won = 0;
        for (Future<Integer> f : pool.invokeAll(tasks)) {
            won += f.get();
        }
        pool.shutdown();
        assertThat(won).isEqualTo(14);   // 14 × 70 = 980 of 1,000
        assertThat(refused.get()).isEqualTo(64 - 14);
        assertThat(data.balance(m)).isEqualTo(b(20, 0, 0, 0));
        assertThat(data.number("SELECT coalesce(sum(remaining), 0) FROM points_lot WHERE member_id = ?", m)).isEqualTo(20);
    }

    @Test
    void expiry_takes_each_lot_a_year_after_it_became_available_and_spending_took_the_oldest_first() {
        data.at(T0);
        long m = data.register("C-exp");
        data.grant(m, 100, "SURVEY", "old");
        data.at(T0.plus(Duration.ofDays(60)));
        data.grant(m, 200, "SURVEY", "young");
        data.checkout().reserve("C-exp", "O-exp", "JPY", 10_000, 60);    // from the old lot: 40 of it left
        data.checkout().commit("O-exp");

        data.at(T0.atZone(FakeHost.TOKYO).plusMonths(12).toInstant().plusSeconds(60));
        assertThat(data.run(PointsExpiryJob.NAME).status()).isEqualTo(JobRunStatus.SUCCEEDED);
        assertThat(data.number("SELECT sum(points) FROM points_entry WHERE member_id = ? AND kind = 'EXPIRE'", m)).isEqualTo(-40);
        assertThat(data.balance(m)).isEqualTo(b(200, 0, 0, 0));

        data.at(T0.plus(Duration.ofDays(60)).atZone(FakeHost.TOKYO).plusMonths(12).toInstant().plusSeconds(60));
        data.run(PointsExpiryJob.NAME);
        assertThat(data.balance(m)).isEqualTo(b(0, 0, 0, 0));
        assertThat(data.number("SELECT sum(points) FROM points_entry WHERE member_id = ? AND kind = 'EXPIRE'", m)).isEqualTo(-240);
    }

    @Test
    void the_verification_job_names_an_account_whose_balance_was_tampered_with() {
        data.at(T0);
        long m = data.register("C-tamper");
        data.grant(m, 100, "SURVEY", "r-t");
        assertThat(data.run(PointsVerificationJob.NAME).outcome()).contains("every balance equals its entries");
        data.sql("UPDATE points_account SET available = available + 5 WHERE member_id = ?", m);
        String outcome = data.run(PointsVerificationJob.NAME).outcome();
        assertThat(outcome).contains("1 DIFFER").contains("member " + m + ":").contains("105/0/0/0");
        data.sql("UPDATE points_account SET available = available - 5 WHERE member_id = ?", m);
    }
}
