package dev.kizuna.loyalty.points;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.PointsFacts;
import dev.kizuna.core.ports.SqlCondition;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Points for messages and audiences ({@link PointsFacts}): balances and what expires next, set-based over a batch
 * of members, by the shop's expiry policy (per lot, or the whole balance after the inactivity period).
 */
final class PointsAudience implements PointsFacts {
    private final PointsSettings settings;
    private final ZoneId zone;

    PointsAudience(PointsSettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    private boolean byLot() {
        return settings.expiryPolicy() == PointsSettings.ExpiryPolicy.LOT;
    }

    @Override
    public SqlCondition balanceAtLeast(long points) {
        return SqlCondition.of("EXISTS (SELECT 1 FROM points_account pa WHERE pa.member_id = m.id AND pa.available >= ?)",
                points);
    }

    @Override
    public SqlCondition expiringWithin(int days, Instant now) {
        // what became available (or was last earned) before this expires by now + days
        Instant from = now.plus(Duration.ofDays(days)).atZone(zone).minusMonths(settings.expiryMonths()).toInstant();
        return byLot()
                ? SqlCondition.of("""
                        EXISTS (SELECT 1 FROM points_lot pl WHERE pl.member_id = m.id AND pl.remaining > 0
                                AND pl.available_at <= ?)""", from)
                : SqlCondition.of("""
                        EXISTS (SELECT 1 FROM points_account pa WHERE pa.member_id = m.id AND pa.available > 0
                                AND pa.last_earned_at <= ?)""", from);
    }

    @Override
    public Map<Long, MemberPoints> points(Tx tx, Collection<Long> memberIds, Instant now) {
        Map<Long, MemberPoints> out = new HashMap<>();
        if (memberIds.isEmpty()) {
            return out;
        }
        java.sql.Array ids = tx.sql().longArray(memberIds.toArray(Long[]::new));
        Map<Long, Long> available = new HashMap<>();
        Map<Long, Instant> lastEarned = new HashMap<>();
        tx.sql().list("SELECT member_id, available, last_earned_at FROM points_account WHERE member_id = ANY(?)", rs -> {
            available.put(rs.getLong(1), rs.getLong(2));
            Instant last = Sql.instant(rs, "last_earned_at");
            if (last != null) {
                lastEarned.put(rs.getLong(1), last);
            }
            return null;
        }, ids);
        Map<Long, LocalDate> nextDay = new HashMap<>();
        Map<Long, Long> nextPoints = new HashMap<>();
        if (byLot()) {
            tx.sql().list("""
                    SELECT member_id, available_at, remaining FROM points_lot
                    WHERE member_id = ANY(?) AND remaining > 0 ORDER BY member_id, available_at, id""", rs -> {
                long member = rs.getLong(1);
                LocalDate day = expiryDay(Sql.instant(rs, "available_at"));
                LocalDate first = nextDay.putIfAbsent(member, day);
                if (first == null || first.equals(day)) {
                    nextPoints.merge(member, rs.getLong(3), Long::sum);
                }
                return null;
            }, ids);
        } else {
            lastEarned.forEach((member, last) -> {
                if (available.getOrDefault(member, 0L) > 0) {
                    nextDay.put(member, expiryDay(last));
                    nextPoints.put(member, available.get(member));
                }
            });
        }
        for (Long member : memberIds) {
            LocalDate day = nextDay.get(member);
            out.put(member, new MemberPoints(available.getOrDefault(member, 0L),
                    day == null ? 0 : nextPoints.getOrDefault(member, 0L), day));
        }
        return out;
    }

    private LocalDate expiryDay(Instant from) {
        return PointsExpiryJob.expiresAt(from, settings.expiryMonths(), zone).atZone(zone).toLocalDate();
    }
}
