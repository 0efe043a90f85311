package dev.kizuna.segment.behaviour;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.SqlCondition;
import dev.kizuna.segment.Purchases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Behavioural segments in SQL, read live so they are as current as the last event: membership of one member is a
 * few index probes (the partial indexes of the segments migration and core's {@code (member_id, kind, occurred_at)}),
 * and whole segments are one set-based statement each, paged by member id.
 */
public final class BehaviourStore {

    /** Distinct categories anyone has viewed, for listing the category segments; walks the index, not the table. */
    public List<String> viewedCategories(Tx tx, int limit) {
        return tx.sql().list("""
                WITH RECURSIVE c(category) AS (
                    (SELECT category FROM behaviour_event WHERE kind = 'PRODUCT_VIEWED' AND category IS NOT NULL
                     ORDER BY category LIMIT 1)
                    UNION ALL
                    SELECT (SELECT e.category FROM behaviour_event e
                            WHERE e.kind = 'PRODUCT_VIEWED' AND e.category > c.category ORDER BY e.category LIMIT 1)
                    FROM c WHERE c.category IS NOT NULL
                )
                SELECT category FROM c WHERE category IS NOT NULL LIMIT ?""", rs -> rs.getString(1), limit);
    }

    public boolean contains(Tx tx, BehaviourSegment segment, long memberId, Instant asOf) {
        Instant since = since(segment, asOf);
        String purchase = Purchases.condition("o");
        return switch (segment.kind()) {
            case CART_ABANDONERS -> tx.sql().number("""
                    SELECT count(*) FROM (SELECT max(a.occurred_at) AS last FROM behaviour_event a
                                          WHERE a.member_id = ? AND a.kind = 'CART_ABANDONED'
                                            AND a.occurred_at > ? AND a.occurred_at <= ?) x
                    WHERE x.last IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM order_summary o WHERE o.member_id = ? AND o.submitted_at >= x.last
                          AND o.submitted_at <= ? AND %s)""".formatted(purchase),
                    memberId, since, asOf, memberId, asOf) > 0;
            case VIEWED_NOT_BOUGHT -> tx.sql().number("""
                    SELECT count(*) FROM (SELECT 1 FROM behaviour_event v
                                          WHERE v.member_id = ? AND v.kind = 'PRODUCT_VIEWED' AND v.category = ?
                                            AND v.occurred_at > ? AND v.occurred_at <= ? LIMIT 1) x
                    WHERE NOT EXISTS (
                        SELECT 1 FROM order_summary o JOIN order_line l ON l.order_id = o.id
                        WHERE o.member_id = ? AND l.category = ? AND o.submitted_at > ? AND o.submitted_at <= ?
                          AND %s)""".formatted(purchase),
                    memberId, segment.category(), since, asOf, memberId, segment.category(), since, asOf) > 0;
            case NO_RESULT_SEARCHERS -> tx.sql().number("""
                    SELECT count(*) FROM (SELECT 1 FROM behaviour_event s
                                          WHERE s.member_id = ? AND s.kind = 'SEARCH' AND s.result_count = 0
                                            AND s.occurred_at > ? AND s.occurred_at <= ? LIMIT 1) x""",
                    memberId, since, asOf) > 0;
            case FIRST_ORDER_ONLY -> tx.sql().number("""
                    SELECT count(*) FROM (SELECT 1 FROM order_summary o
                                          WHERE o.member_id = ? AND o.submitted_at <= ? AND %s LIMIT 2) x"""
                    .formatted(purchase), memberId, asOf) == 1;
        };
    }

    public long size(Tx tx, BehaviourSegment segment, Instant asOf) {
        Query q = members(segment, asOf);
        return tx.sql().number("SELECT count(*) FROM (" + q.sql + ") s", q.params.toArray());
    }

    /** Member ids of the segment after {@code after}, ascending, skipping {@code offset} (keyset or page). */
    public List<Long> memberIds(Tx tx, BehaviourSegment segment, Instant asOf, long after, int offset, int limit) {
        Query q = members(segment, asOf);
        List<Object> params = new ArrayList<>(q.params);
        params.add(after);
        params.add(limit);
        params.add(offset);
        return tx.sql().list("SELECT member_id FROM (" + q.sql + ") s WHERE member_id > ? ORDER BY member_id LIMIT ? OFFSET ?",
                rs -> rs.getLong(1), params.toArray());
    }

    /** The segment as a condition on the member alias {@code m}, for audiences compiled to one statement. */
    public SqlCondition condition(BehaviourSegment segment, Instant asOf) {
        Query q = members(segment, asOf);
        return new SqlCondition("m.id IN (SELECT member_id FROM (" + q.sql + ") s)", q.params);
    }

    private record Query(String sql, List<Object> params) {
    }

    /** The segment as one statement yielding distinct member ids (erased members excluded). */
    private static Query members(BehaviourSegment segment, Instant asOf) {
        Instant since = since(segment, asOf);
        String purchase = Purchases.condition("o");
        String live = "EXISTS (SELECT 1 FROM member mb WHERE mb.id = %s AND mb.erased_at IS NULL)";
        return switch (segment.kind()) {
            case CART_ABANDONERS -> new Query("""
                    SELECT x.member_id FROM (
                        SELECT a.member_id, max(a.occurred_at) AS last FROM behaviour_event a
                        WHERE a.kind = 'CART_ABANDONED' AND a.occurred_at > ? AND a.occurred_at <= ?
                          AND a.member_id IS NOT NULL
                        GROUP BY a.member_id) x
                    WHERE %s AND NOT EXISTS (
                        SELECT 1 FROM order_summary o WHERE o.member_id = x.member_id AND o.submitted_at >= x.last
                          AND o.submitted_at <= ? AND %s)""".formatted(live.formatted("x.member_id"), purchase),
                    List.of(since, asOf, asOf));
            case VIEWED_NOT_BOUGHT -> new Query("""
                    SELECT x.member_id FROM (
                        SELECT DISTINCT v.member_id FROM behaviour_event v
                        WHERE v.kind = 'PRODUCT_VIEWED' AND v.category = ? AND v.occurred_at > ? AND v.occurred_at <= ?
                          AND v.member_id IS NOT NULL) x
                    WHERE %s AND NOT EXISTS (
                        SELECT 1 FROM order_summary o JOIN order_line l ON l.order_id = o.id
                        WHERE o.member_id = x.member_id AND l.category = ? AND o.submitted_at > ?
                          AND o.submitted_at <= ? AND %s)""".formatted(live.formatted("x.member_id"), purchase),
                    List.of(segment.category(), since, asOf, segment.category(), since, asOf));
            case NO_RESULT_SEARCHERS -> new Query("""
                    SELECT x.member_id FROM (
                        SELECT DISTINCT s.member_id FROM behaviour_event s
                        WHERE s.kind = 'SEARCH' AND s.result_count = 0 AND s.occurred_at > ? AND s.occurred_at <= ?
                          AND s.member_id IS NOT NULL) x
                    WHERE %s""".formatted(live.formatted("x.member_id")), List.of(since, asOf));
            case FIRST_ORDER_ONLY -> new Query("""
                    SELECT o.member_id FROM order_summary o
                    WHERE o.submitted_at <= ? AND %s AND %s
                    GROUP BY o.member_id HAVING count(*) = 1""".formatted(purchase, live.formatted("o.member_id")),
                    List.of(asOf));
        };
    }

    private static Instant since(BehaviourSegment segment, Instant asOf) {
        return asOf.minus(Duration.ofDays(segment.days()));
    }
}
