package dev.kizuna.loyalty.points;

import dev.kizuna.core.money.Amounts;

/**
 * The survivor's balances after a merge: each bucket the sum of both accounts', except that debt on one side and
 * available points on the other settle against each other ({@code settled}), as a later credit would pay the debt
 * first: an account never holds available points and debt at once. The liability (available + pending + reserved
 * - debt) is the sum of both accounts' either way.
 */
record MergedBalances(long available, long pending, long reserved, long debt, long settled) {

    static MergedBalances of(PointLedger.Account survivor, PointLedger.Account merged) {
        long available = Amounts.add("points", survivor.available(), merged.available());
        long debt = Amounts.add("points", survivor.debt(), merged.debt());
        long settled = Math.min(available, debt);
        return new MergedBalances(available - settled, Amounts.add("points", survivor.pending(), merged.pending()),
                Amounts.add("points", survivor.reserved(), merged.reserved()), debt - settled, settled);
    }
}
