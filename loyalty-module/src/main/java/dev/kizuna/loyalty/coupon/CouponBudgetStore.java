package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.loyalty.budget.Budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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

    /** The uses that count against a budget: committed, or reserved and still held at the reading's moment. */
    private static final String LIVE = "campaign_id = ? AND status <> " + Sql.literals(RedemptionStatus.RELEASED)
            + " AND (status = " + Sql.literals(RedemptionStatus.COMMITTED) + " OR expires_at > ?)";

    /** The campaign's live uses in all: how many, the yen of discount and the bonus points they gave. */
    CouponBudgets.DaySpend total(Tx tx, long campaignId, Instant now) {
        return tx.sql().one("SELECT count(*), coalesce(sum(discount), 0), coalesce(sum(bonus_points), 0) "
                        + "FROM coupon_redemption WHERE " + LIVE,
                rs -> new CouponBudgets.DaySpend(null, rs.getLong(1), rs.getLong(2), rs.getLong(3)), campaignId, now)
                .orElseThrow();
    }

    /** The same per shop day of reservation, from {@code from} (inclusive), newest day first; days without uses left out. */
    List<CouponBudgets.DaySpend> days(Tx tx, long campaignId, Instant now, Instant from, ZoneId zone) {
        return tx.sql().list("SELECT (reserved_at AT TIME ZONE ?)::date AS day, count(*), coalesce(sum(discount), 0), "
                        + "coalesce(sum(bonus_points), 0) FROM coupon_redemption WHERE " + LIVE
                        + " AND reserved_at >= ? GROUP BY 1 ORDER BY 1 DESC",
                rs -> new CouponBudgets.DaySpend(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4)), zone.getId(), campaignId, now, from);
    }
}
