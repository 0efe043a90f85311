package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.loyalty.budget.Budget;

import java.time.Instant;
import java.util.Optional;

/** Coupon campaigns' budgets ({@code coupon_budget}) and what each has given, read from the redemptions. */
final class CouponBudgetStore {

    /** What a campaign's live uses have given, in all and on one shop day, in the budget's unit. */
    record Spend(long spent, long spentToday) {
    }

    Optional<Budget> find(Tx tx, long campaignId) {
        return tx.sql().one("SELECT unit, total_limit, daily_limit FROM coupon_budget WHERE campaign_id = ?",
                rs -> new Budget(Budget.Unit.valueOf(rs.getString(1)), (Long) rs.getObject(2), (Long) rs.getObject(3)),
                campaignId);
    }

    void save(Tx tx, long campaignId, Budget b, Instant now, String actor) {
        tx.sql().update("""
                INSERT INTO coupon_budget (campaign_id, unit, total_limit, daily_limit, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (campaign_id) DO UPDATE SET unit = EXCLUDED.unit, total_limit = EXCLUDED.total_limit,
                       daily_limit = EXCLUDED.daily_limit, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""",
                campaignId, b.unit(), b.total(), b.perDay(), now, actor);
    }

    /**
     * What the campaign's uses that count (committed, or reserved and still held at {@code now}) gave: yen of discount
     * or bonus points, in all and among those reserved from {@code dayStart} (inclusive) to {@code dayEnd}.
     */
    Spend spend(Tx tx, long campaignId, Budget.Unit unit, Instant dayStart, Instant dayEnd, Instant now) {
        String amount = unit == Budget.Unit.YEN ? "discount" : "bonus_points";
        return tx.sql().one("""
                SELECT coalesce(sum(%1$s), 0), coalesce(sum(%1$s) FILTER (WHERE reserved_at >= ? AND reserved_at < ?), 0)
                FROM coupon_redemption
                WHERE campaign_id = ? AND status <> %2$s
                  AND (status = %3$s OR expires_at > ?)""".formatted(amount, Sql.literals(RedemptionStatus.RELEASED),
                        Sql.literals(RedemptionStatus.COMMITTED)),
                rs -> new Spend(rs.getLong(1), rs.getLong(2)), dayStart, dayEnd, campaignId, now).orElseThrow();
    }
}
