package dev.kizuna.segment.timeline;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Touchpoints from the kernel's mirror of the host: the registration, each order placed, delivered, cancelled and
 * returned (a return as the host reported it, from the event inbox: one touchpoint per return, with the units that
 * came back), and the browsing the host reports (product views, cart adds, searches, abandoned carts). The asked
 * kinds come from one statement, each arm an index range on the member's rows limited to the page.
 */
final class MirrorTouchpoints implements TouchpointSource {

    @Override
    public Set<TouchpointKind> kinds() {
        return EnumSet.of(TouchpointKind.REGISTERED, TouchpointKind.ORDER_PLACED, TouchpointKind.ORDER_DELIVERED,
                TouchpointKind.ORDER_CANCELLED, TouchpointKind.ORDER_RETURNED, TouchpointKind.BROWSED);
    }

    @Override
    public List<Touchpoint> before(Tx tx, long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        List<String> arms = new ArrayList<>(6);
        List<Object> params = new ArrayList<>();
        if (kinds.contains(TouchpointKind.REGISTERED)) {
            arms.add("""
                    (SELECT registered_at AS at, 'registered' COLLATE "C" AS key, 'REGISTERED' AS kind, NULL::text AS ref,
                            NULL::bigint AS amount, NULL::text AS sku, NULL::text AS category, NULL::int AS results
                     FROM member WHERE id = ? AND registered_at IS NOT NULL AND registered_at <= ?
                       AND (registered_at < ? OR 'registered' COLLATE "C" < ?))""");
            params.addAll(List.of(memberId, at, at, key));
        }
        orders(arms, params, kinds, TouchpointKind.ORDER_PLACED, "submitted_at", "placed", memberId, at, key, limit);
        orders(arms, params, kinds, TouchpointKind.ORDER_DELIVERED, "delivered_at", "delivered", memberId, at, key, limit);
        orders(arms, params, kinds, TouchpointKind.ORDER_CANCELLED, "cancelled_at", "cancelled", memberId, at, key, limit);
        if (kinds.contains(TouchpointKind.ORDER_RETURNED)) {
            // only the member's orders that came back are joined to their return events (by the order's id)
            String k = "('order:' || lpad(o.id::text, 19, '0') || ':returned:' || e.event_id) COLLATE \"C\"";
            arms.add("""
                    (SELECT e.occurred_at, %1$s, 'ORDER_RETURNED', o.order_ref,
                            (SELECT coalesce(sum((l ->> 'quantity')::bigint), 0) FROM jsonb_array_elements(e.payload -> 'lines') l),
                            NULL, NULL, NULL
                     FROM order_summary o
                     JOIN event_inbox e ON e.event_type = 'OrderReturned' AND e.payload ->> 'orderId' = o.order_ref
                          AND e.status = 'DONE'
                     WHERE o.member_id = ? AND o.status IN ('RETURNED', 'PARTIALLY_RETURNED')
                       AND e.occurred_at <= ? AND (e.occurred_at < ? OR %1$s < ?)
                     ORDER BY 1 DESC, 2 DESC LIMIT ?)""".formatted(k));
            params.addAll(List.of(memberId, at, at, key, limit));
        }
        if (kinds.contains(TouchpointKind.BROWSED)) {
            arms.add("""
                    (SELECT occurred_at, ('browse:' || lpad(id::text, 19, '0')) COLLATE "C", 'BROWSED', kind, NULL,
                            sku, category, result_count
                     FROM behaviour_event
                     WHERE member_id = ? AND occurred_at <= ?
                       AND (occurred_at < ? OR ('browse:' || lpad(id::text, 19, '0')) COLLATE "C" < ?)
                     ORDER BY occurred_at DESC, id DESC LIMIT ?)""");
            params.addAll(List.of(memberId, at, at, key, limit));
        }
        if (arms.isEmpty()) {
            return List.of();
        }
        params.add(limit);
        return tx.sql().list("SELECT * FROM (" + String.join(" UNION ALL ", arms) + ") t ORDER BY 1 DESC, 2 DESC LIMIT ?",
                rs -> {
                    Instant when = rs.getTimestamp(1).toInstant();
                    String k = rs.getString(2);
                    TouchpointKind kind = TouchpointKind.valueOf(rs.getString(3));
                    return switch (kind) {
                        case REGISTERED -> new Touchpoint(when, kind, k, "timeline.registered", List.of());
                        case ORDER_PLACED -> new Touchpoint(when, kind, k, "timeline.order-placed",
                                List.of(rs.getString(4), new Touchpoint.Money(rs.getLong(5))));
                        case ORDER_DELIVERED -> new Touchpoint(when, kind, k, "timeline.order-delivered",
                                List.of(rs.getString(4), new Touchpoint.Money(rs.getLong(5))));
                        case ORDER_CANCELLED -> new Touchpoint(when, kind, k, "timeline.order-cancelled",
                                List.of(rs.getString(4), new Touchpoint.Money(rs.getLong(5))));
                        case ORDER_RETURNED -> new Touchpoint(when, kind, k, "timeline.order-returned",
                                List.of(rs.getString(4), rs.getLong(5)));
                        default -> new Touchpoint(when, kind, k, "timeline.browsed." + rs.getString(4),
                                List.of(nz(rs.getString(6)), nz(rs.getString(7)), rs.getInt(8)));
                    };
                }, params.toArray());
    }

    private static void orders(List<String> arms, List<Object> params, Set<TouchpointKind> kinds, TouchpointKind kind,
                               String column, String suffix, long memberId, Instant at, String key, int limit) {
        if (!kinds.contains(kind)) {
            return;
        }
        String k = "('order:' || lpad(id::text, 19, '0') || ':" + suffix + "') COLLATE \"C\"";
        arms.add("""
                (SELECT %1$s, %2$s, '%3$s', order_ref, grand_total, NULL, NULL, NULL FROM order_summary
                 WHERE member_id = ? AND %1$s IS NOT NULL AND %1$s <= ? AND (%1$s < ? OR %2$s < ?)
                 ORDER BY %1$s DESC, id DESC LIMIT ?)""".formatted(column, k, kind.name()));
        params.addAll(List.of(memberId, at, at, key, limit));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
