package dev.kizuna.loyalty.points;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.loyalty.budget.Budget;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The budgets of point campaigns and of the rules' bonuses, with what each has given ({@code points_budget}). */
final class BudgetStore {

    /** The owner key of a point campaign's budget. */
    static String campaign(long id) {
        return "campaign:" + id;
    }

    /** The owner key of the budget shared by the registration and first-order bonuses. */
    static final String RULE_BONUS = "rule-bonus";

    record Row(String owner, Budget budget, long spent, long spentToday) {
    }

    Optional<Row> find(Tx tx, String owner, LocalDate today) {
        return tx.sql().one("""
                SELECT b.owner, b.unit, b.total_limit, b.daily_limit, b.spent, coalesce(d.spent, 0)
                FROM points_budget b LEFT JOIN points_budget_day d ON d.owner = b.owner AND d.day = ?
                WHERE b.owner = ?""", BudgetStore::row, today, owner);
    }

    List<Row> all(Tx tx, LocalDate today) {
        return tx.sql().list("""
                SELECT b.owner, b.unit, b.total_limit, b.daily_limit, b.spent, coalesce(d.spent, 0)
                FROM points_budget b LEFT JOIN points_budget_day d ON d.owner = b.owner AND d.day = ?
                ORDER BY b.owner""", BudgetStore::row, today);
    }

    /** Sets an owner's budget; what it has given so far stays counted. */
    void save(Tx tx, String owner, Budget b, Instant now, String actor) {
        tx.sql().update("""
                INSERT INTO points_budget (owner, unit, total_limit, daily_limit, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (owner) DO UPDATE SET unit = EXCLUDED.unit, total_limit = EXCLUDED.total_limit,
                       daily_limit = EXCLUDED.daily_limit, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""",
                owner, b.unit(), b.total(), b.perDay(), now, actor);
    }

    /**
     * Locks the budgets of these owners (those that have one), in key order so two transactions never wait on each
     * other in a circle, for grants to claim from until the transaction ends.
     */
    Claims lock(Tx tx, Collection<String> owners) {
        if (owners.isEmpty()) {
            return new Claims(Map.of());
        }
        Map<String, Locked> locked = new HashMap<>();
        tx.sql().list("""
                SELECT owner, unit, total_limit, daily_limit, spent FROM points_budget WHERE owner = ANY(?)
                ORDER BY owner FOR UPDATE""", rs -> {
            Budget b = budget(rs);
            return new Locked(rs.getString(1), b, rs.getLong(5));
        }, tx.sql().textArray(owners.toArray(String[]::new))).forEach(l -> locked.put(l.owner, l));
        return new Claims(locked);
    }

    private static final class Locked {
        final String owner;
        final Budget budget;
        final long spentBefore;
        long spent;
        final Map<LocalDate, long[]> days = new HashMap<>(); // day -> {spent before, spent now}

        Locked(String owner, Budget budget, long spent) {
            this.owner = owner;
            this.budget = budget;
            this.spentBefore = spent;
            this.spent = spent;
        }
    }

    /** The budgets one transaction holds locked: grants claim in memory, {@link #write} stores what they gave. */
    static final class Claims {
        private final Map<String, Locked> locked;

        private Claims(Map<String, Locked> locked) {
            this.locked = locked;
        }

        boolean has(String owner) {
            return locked.containsKey(owner);
        }

        /** How many of {@code points} the owner's budget gives on {@code day} (all of them without a budget). */
        long claim(Tx tx, String owner, long points, LocalDate day, long pointValue) {
            Locked l = locked.get(owner);
            if (l == null || points <= 0) {
                return points;
            }
            long[] d = l.days.computeIfAbsent(day, k -> {
                long before = tx.sql().one("SELECT spent FROM points_budget_day WHERE owner = ? AND day = ?",
                        rs -> rs.getLong(1), owner, k).orElse(0L);
                return new long[]{before, before};
            });
            long granted = l.budget.grantablePoints(points, l.spent, d[1], pointValue);
            long cost = l.budget.cost(granted, pointValue);
            l.spent += cost;
            d[1] += cost;
            return granted;
        }

        /** Stores what the claims gave, in the transaction that holds the locks. */
        void write(Tx tx) {
            List<Object[]> totals = new ArrayList<>();
            List<Object[]> days = new ArrayList<>();
            for (Locked l : locked.values()) {
                if (l.spent != l.spentBefore) {
                    totals.add(new Object[]{l.spent - l.spentBefore, l.owner});
                }
                l.days.forEach((day, d) -> {
                    if (d[1] != d[0]) {
                        days.add(new Object[]{l.owner, day, d[1] - d[0]});
                    }
                });
            }
            tx.sql().batch("UPDATE points_budget SET spent = spent + ? WHERE owner = ?", totals);
            tx.sql().batch("""
                    INSERT INTO points_budget_day AS d (owner, day, spent) VALUES (?, ?, ?)
                    ON CONFLICT (owner, day) DO UPDATE SET spent = d.spent + EXCLUDED.spent""", days);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), budget(rs), rs.getLong(5), rs.getLong(6));
    }

    private static Budget budget(ResultSet rs) throws SQLException {
        return new Budget(Budget.Unit.valueOf(rs.getString(2)), (Long) rs.getObject(3), (Long) rs.getObject(4));
    }
}
