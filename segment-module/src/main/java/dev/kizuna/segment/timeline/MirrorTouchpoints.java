package dev.kizuna.segment.timeline;

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
 * returned (one touchpoint per return the host reported, with the units that came back: {@link OrderReturns}), and
 * the browsing the host reports (product views, cart adds, searches, abandoned carts). The asked
 * kinds come from one SELECT, each arm an index range on the member's rows limited to the page.
 */
final class MirrorTouchpoints implements TouchpointSource {

    @Override
    public Set<TouchpointKind> kinds() {
        return EnumSet.of(TouchpointKind.REGISTERED, TouchpointKind.ORDER_PLACED, TouchpointKind.ORDER_DELIVERED,
                TouchpointKind.ORDER_CANCELLED, TouchpointKind.ORDER_RETURNED, TouchpointKind.BROWSED);
    }

    @Override
    public Query query(long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
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
            String k = "('order:' || lpad(o.id::text, 19, '0') || ':returned:' || lpad(r.id::text, 19, '0')) COLLATE \"C\"";
            arms.add("""
                    (SELECT r.returned_at AS at, %1$s AS key, 'ORDER_RETURNED' AS kind, o.order_ref AS ref,
                            r.units AS amount, NULL::text AS sku, NULL::text AS category, NULL::int AS results
                     FROM order_return r JOIN order_summary o ON o.id = r.order_id
                     WHERE r.member_id = ? AND r.returned_at <= ? AND (r.returned_at < ? OR %1$s < ?)
                     ORDER BY r.returned_at DESC, r.id DESC LIMIT ?)""".formatted(k));
            params.addAll(List.of(memberId, at, at, key, limit));
        }
        if (kinds.contains(TouchpointKind.BROWSED)) {
            arms.add("""
                    (SELECT occurred_at AS at, ('browse:' || lpad(id::text, 19, '0')) COLLATE "C" AS key, 'BROWSED' AS kind,
                            kind AS ref, NULL::bigint AS amount, sku, category, result_count AS results
                     FROM behaviour_event
                     WHERE member_id = ? AND occurred_at <= ?
                       AND (occurred_at < ? OR ('browse:' || lpad(id::text, 19, '0')) COLLATE "C" < ?)
                     ORDER BY occurred_at DESC, id DESC LIMIT ?)""");
            params.addAll(List.of(memberId, at, at, key, limit));
        }
        params.add(limit);
        return new Query("SELECT * FROM (" + String.join(" UNION ALL ", arms) + ") t ORDER BY 1 DESC, 2 DESC LIMIT ?",
                params);
    }

    @Override
    public Touchpoint touchpoint(Row r) {
        Instant when = r.instant("at");
        String k = r.text("key");
        TouchpointKind kind = TouchpointKind.valueOf(r.text("kind"));
        return switch (kind) {
            case REGISTERED -> new Touchpoint(when, kind, k, "timeline.registered", List.of());
            case ORDER_PLACED -> new Touchpoint(when, kind, k, "timeline.order-placed", order(r));
            case ORDER_DELIVERED -> new Touchpoint(when, kind, k, "timeline.order-delivered", order(r));
            case ORDER_CANCELLED -> new Touchpoint(when, kind, k, "timeline.order-cancelled", order(r));
            case ORDER_RETURNED -> new Touchpoint(when, kind, k, "timeline.order-returned",
                    List.of(r.text("ref"), r.number("amount")));
            default -> new Touchpoint(when, kind, k, "timeline.browsed." + r.text("ref"),
                    List.of(text(r, "sku"), text(r, "category"), (int) r.number("results")));
        };
    }

    private static List<Object> order(Row r) {
        return List.of(r.text("ref"), new Touchpoint.Money(r.number("amount")));
    }

    private static String text(Row r, String column) {
        String v = r.text(column);
        return v == null ? "" : v;
    }

    private static void orders(List<String> arms, List<Object> params, Set<TouchpointKind> kinds, TouchpointKind kind,
                               String column, String suffix, long memberId, Instant at, String key, int limit) {
        if (!kinds.contains(kind)) {
            return;
        }
        String k = "('order:' || lpad(id::text, 19, '0') || ':" + suffix + "') COLLATE \"C\"";
        arms.add("""
                (SELECT %1$s AS at, %2$s AS key, '%3$s' AS kind, order_ref AS ref, grand_total AS amount,
                        NULL::text AS sku, NULL::text AS category, NULL::int AS results FROM order_summary
                 WHERE member_id = ? AND %1$s IS NOT NULL AND %1$s <= ? AND (%1$s < ? OR %2$s < ?)
                 ORDER BY %1$s DESC, id DESC LIMIT ?)""".formatted(column, k, kind.name()));
        params.addAll(List.of(memberId, at, at, key, limit));
    }
}
