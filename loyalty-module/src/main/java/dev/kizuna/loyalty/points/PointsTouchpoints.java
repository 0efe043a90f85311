package dev.kizuna.loyalty.points;

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
    public Query query(long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        return new Query("""
                SELECT created_at AS at, ('points:' || lpad(id::text, 19, '0')) COLLATE "C" AS key, kind, points,
                       coalesce(order_ref, '') AS order_ref
                FROM points_entry
                WHERE member_id = ? AND created_at <= ?
                  AND (created_at < ? OR ('points:' || lpad(id::text, 19, '0')) COLLATE "C" < ?)
                ORDER BY created_at DESC, id DESC LIMIT ?""", List.of(memberId, at, at, key, limit));
    }

    @Override
    public Touchpoint touchpoint(Row r) {
        return new Touchpoint(r.instant("at"), TouchpointKind.POINTS, r.text("key"), "timeline.points",
                List.of(new Touchpoint.Label("points.ledger-kind." + r.text("kind")), r.number("points"),
                        r.text("order_ref")));
    }
}
