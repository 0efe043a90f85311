package dev.kizuna.loyalty.points;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The survivor's balances after a merge, without a database: sums, and debt paid from available points. */
class MergedBalancesTest {

    static PointLedger.Account account(long available, long pending, long reserved, long debt) {
        return new PointLedger.Account(1, available, pending, reserved, debt);
    }

    @Test
    void every_bucket_is_the_sum_of_both_accounts() {
        MergedBalances b = MergedBalances.of(account(300, 40, 10, 0), account(200, 60, 0, 0));
        assertThat(b).isEqualTo(new MergedBalances(500, 100, 10, 0, 0));
    }

    @Test
    void debt_on_one_side_is_paid_from_available_points_on_the_other_and_the_liability_is_unchanged() {
        PointLedger.Account survivor = account(300, 0, 0, 0);
        PointLedger.Account merged = account(0, 50, 0, 120);
        MergedBalances b = MergedBalances.of(survivor, merged);
        assertThat(b.settled()).isEqualTo(120);
        assertThat(b.available()).isEqualTo(180);
        assertThat(b.debt()).isZero();
        long before = (300 - 0) + (50 - 120);
        assertThat(b.available() + b.pending() + b.reserved() - b.debt()).isEqualTo(before);
    }

    @Test
    void more_debt_than_available_points_leaves_the_rest_as_debt_and_nothing_available() {
        MergedBalances b = MergedBalances.of(account(0, 0, 0, 500), account(80, 0, 0, 0));
        assertThat(b).isEqualTo(new MergedBalances(0, 0, 0, 420, 80));
        assertThat(b.available() == 0 || b.debt() == 0).isTrue();
    }
}
