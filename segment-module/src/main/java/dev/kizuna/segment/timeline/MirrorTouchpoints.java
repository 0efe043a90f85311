package dev.kizuna.segment.timeline;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;

import java.util.ArrayList;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Touchpoints from the kernel's mirror of the host: the registration, each order placed, delivered and cancelled,
 * and the browsing the host reports (product views, cart adds, searches, abandoned carts). One statement per kind,
 * each an index range on the member's rows.
 */
final class MirrorTouchpoints implements TouchpointSource {

    @Override
    public Set<TouchpointKind> kinds() {
        return EnumSet.of(TouchpointKind.REGISTERED, TouchpointKind.ORDER_PLACED, TouchpointKind.ORDER_DELIVERED,
                TouchpointKind.ORDER_CANCELLED, TouchpointKind.BROWSED);
    }

    @Override
    public List<Touchpoint> before(Tx tx, long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        List<Touchpoint> out = new ArrayList<>();
        if (kinds.contains(TouchpointKind.REGISTERED)) {
            out.addAll(tx.sql().list("""
                    SELECT registered_at FROM member WHERE id = ? AND registered_at IS NOT NULL AND registered_at <= ?
                      AND (registered_at < ? OR 'registered' COLLATE "C" < ?)""",
                    rs -> new Touchpoint(rs.getTimestamp(1).toInstant(), TouchpointKind.REGISTERED, "registered",
                            "timeline.registered", List.of()), memberId, at, at, key));
        }
        orders(tx, out, kinds, TouchpointKind.ORDER_PLACED, "submitted_at", "placed", memberId, at, key, limit);
        orders(tx, out, kinds, TouchpointKind.ORDER_DELIVERED, "delivered_at", "delivered", memberId, at, key, limit);
        orders(tx, out, kinds, TouchpointKind.ORDER_CANCELLED, "cancelled_at", "cancelled", memberId, at, key, limit);
        if (kinds.contains(TouchpointKind.BROWSED)) {
            out.addAll(tx.sql().list("""
                    SELECT occurred_at, 'browse:' || lpad(id::text, 19, '0'), kind, sku, category, result_count
                    FROM behaviour_event
                    WHERE member_id = ? AND occurred_at <= ?
                      AND (occurred_at < ? OR ('browse:' || lpad(id::text, 19, '0')) COLLATE "C" < ?)
                    ORDER BY occurred_at DESC, id DESC LIMIT ?""",
                    rs -> new Touchpoint(rs.getTimestamp(1).toInstant(), TouchpointKind.BROWSED, rs.getString(2),
                            "timeline.browsed." + rs.getString(3),
                            List.of(nz(rs.getString(4)), nz(rs.getString(5)), rs.getInt(6))),
                    memberId, at, at, key, limit));
        }
        return out;
    }

    private static void orders(Tx tx, List<Touchpoint> out, Set<TouchpointKind> kinds, TouchpointKind kind,
                               String column, String suffix, long memberId, Instant at, String key, int limit) {
        if (!kinds.contains(kind)) {
            return;
        }
        String k = "('order:' || lpad(id::text, 19, '0') || ':" + suffix + "')";
        out.addAll(tx.sql().list("""
                SELECT %1$s, %2$s, order_ref, grand_total, status FROM order_summary
                WHERE member_id = ? AND %1$s IS NOT NULL AND %1$s <= ? AND (%1$s < ? OR %2$s COLLATE "C" < ?)
                ORDER BY %1$s DESC, id DESC LIMIT ?""".formatted(column, k),
                rs -> new Touchpoint(rs.getTimestamp(1).toInstant(), kind, rs.getString(2),
                        "timeline.order-" + suffix, List.of(rs.getString(3), new Touchpoint.Money(rs.getLong(4)))),
                memberId, at, at, key, limit));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
