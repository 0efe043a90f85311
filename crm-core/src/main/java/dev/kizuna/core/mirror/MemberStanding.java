package dev.kizuna.core.mirror;

import dev.kizuna.core.persistence.Tx;

/**
 * What the mirror keeps on each member from their orders not cancelled, so that lists and reports over every member
 * read one row per member instead of aggregating the shop's orders: spend (merchandise net of returns) and the last
 * order, which the customers list sorts by; the first order, its channel and main category (that of its line of the
 * largest amount), and the times of the orders a journey report needs (the first three, and every one within
 * {@value #COHORT_DAYS} days of the first, which covers the twelve calendar months after the first order's month in
 * any time zone).
 * <p>
 * A recount rather than a delta, so a replayed event changes nothing; kept by the mirror beside each order change.
 */
public final class MemberStanding {
    static final int COHORT_DAYS = 400;

    private MemberStanding() {
    }

    /** Recounts the members whose id is {@code membersSql} (an SQL expression with one parameter, {@code arg}). */
    static void refresh(Tx tx, String membersSql, Object arg) {
        recount(tx, "mm.id = " + membersSql, arg);
    }

    /** Recounts every member, as after orders loaded in bulk without the mirror. */
    public static void refreshAll(Tx tx) {
        recount(tx, "TRUE", null);
    }

    private static void recount(Tx tx, String where, Object arg) {
        String sql = """
                UPDATE member m SET spend = s.spend, last_order_at = s.last_order_at, first_order_id = s.first_id,
                       first_order_channel = s.first_channel, first_order_category = c.category, order_times = s.times
                FROM (SELECT id, coalesce(sum(merchandise_total - returned_total), 0) AS spend,
                             max(submitted_at) AS last_order_at,
                             (array_agg(order_id ORDER BY k))[1] AS first_id,
                             (array_agg(channel ORDER BY k))[1] AS first_channel,
                             array_agg(extract(epoch FROM submitted_at)::bigint ORDER BY k)
                                 FILTER (WHERE order_id IS NOT NULL
                                         AND (k <= 3 OR submitted_at < first_at + %d * interval '1 day')) AS times
                      FROM (SELECT mm.id, o.id AS order_id, o.channel, o.merchandise_total, o.returned_total,
                                   o.submitted_at, row_number() OVER (PARTITION BY mm.id ORDER BY o.submitted_at, o.id) AS k,
                                   min(o.submitted_at) OVER (PARTITION BY mm.id) AS first_at
                            FROM member mm LEFT JOIN order_summary o ON o.member_id = mm.id AND o.status <> ?
                            WHERE %s) x
                      GROUP BY id) s
                LEFT JOIN LATERAL (SELECT l.category FROM order_line l WHERE l.order_id = s.first_id
                                   ORDER BY l.quantity * l.unit_price - l.discount DESC, l.line_no LIMIT 1) c ON true
                WHERE m.id = s.id
                  AND (m.spend, m.last_order_at, m.first_order_id, m.first_order_channel, m.first_order_category,
                       m.order_times)
                      IS DISTINCT FROM (s.spend, s.last_order_at, s.first_id, s.first_channel, c.category, s.times)"""
                .formatted(COHORT_DAYS, where);
        if (arg == null) {
            tx.sql().update(sql, OrderStatus.CANCELLED);
        } else {
            tx.sql().update(sql, OrderStatus.CANCELLED, arg);
        }
    }
}
