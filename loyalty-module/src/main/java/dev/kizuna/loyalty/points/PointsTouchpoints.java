package dev.kizuna.loyalty.points;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The points ledger on the customer timeline: every entry that moved points (holds and their releases included),
 * labelled by its kind, with the order it belongs to.
 */
final class PointsTouchpoints implements TouchpointSource {

    @Override
    public Set<TouchpointKind> kinds() {
        return Set.of(TouchpointKind.POINTS);
    }

    @Override
    public List<Touchpoint> before(Tx tx, long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        return tx.sql().list("""
                SELECT created_at, 'points:' || lpad(id::text, 19, '0'), kind, points, coalesce(order_ref, '')
                FROM points_entry
                WHERE member_id = ? AND created_at <= ?
                  AND (created_at < ? OR ('points:' || lpad(id::text, 19, '0')) COLLATE "C" < ?)
                ORDER BY created_at DESC, id DESC LIMIT ?""",
                rs -> new Touchpoint(rs.getTimestamp(1).toInstant(), TouchpointKind.POINTS, rs.getString(2),
                        "timeline.points", List.of(new Touchpoint.Label("points.ledger-kind." + rs.getString(3)),
                        rs.getLong(4), rs.getString(5))),
                memberId, at, at, key, limit);
    }
}
