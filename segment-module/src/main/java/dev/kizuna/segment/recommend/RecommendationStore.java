package dev.kizuna.segment.recommend;

import dev.kizuna.core.mirror.OrderStatus;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The SQL of recommendations: the co-occurrence counts the job turns into neighbours, set-based over the order and
 * behaviour mirror, and what the slots read for one member.
 *
 * <p>Similarity is cosine over the sets of baskets (or members) that hold each product:
 * {@code c(a,b) / sqrt(n(a) · n(b))}, so a product everybody buys does not become everybody's neighbour as a raw
 * count would make it; pairs seen fewer than the minimum support times are dropped as noise.
 */
final class RecommendationStore {
    /** Orders whose goods count as bought: a cancelled order was not. */
    private static final String BOUGHT = "o.status <> " + Sql.literals(OrderStatus.CANCELLED);
    private static final String TOGETHER = Sql.literals(NeighbourKind.BOUGHT_TOGETHER);
    private static final String AFTER_VIEW = Sql.literals(NeighbourKind.VIEWED_THEN_BOUGHT);

    /** A neighbour as stored, before the catalog names it. */
    record Neighbour(String sku, double score, int support) {
    }

    /** Drops the previous run's neighbours; the caller's transaction writes the new ones before it commits. */
    void clear(Tx tx) {
        tx.sql().update("DELETE FROM product_neighbour");
    }

    /**
     * "Bought together": distinct SKUs per order (orders of more than {@code maxBasket} SKUs are left out, a
     * wholesale order would pair everything with everything), each unordered pair counted once per order, then
     * written both ways with each SKU's top {@code topN}. Returns the rows written.
     */
    int boughtTogether(Tx tx, Instant from, Instant to, int minSupport, int maxBasket, int topN) {
        return tx.sql().update("""
                WITH line AS (
                  SELECT DISTINCT l.order_id, l.sku FROM order_line l JOIN order_summary o ON o.id = l.order_id
                  WHERE %s AND o.submitted_at >= ? AND o.submitted_at < ?),
                basket AS (
                  SELECT order_id, sku FROM (SELECT order_id, sku, count(*) OVER (PARTITION BY order_id) AS size
                                             FROM line) s WHERE size <= ?),
                item AS (SELECT sku, count(*)::float8 AS n FROM basket GROUP BY sku),
                pair AS (
                  SELECT a.sku AS a, b.sku AS b, count(*) AS c FROM basket a JOIN basket b
                    ON b.order_id = a.order_id AND b.sku > a.sku
                  GROUP BY a.sku, b.sku HAVING count(*) >= ?),
                both_ways AS (SELECT a, b, c FROM pair UNION ALL SELECT b, a, c FROM pair),
                ranked AS (
                  SELECT w.a, w.b, w.c, w.c / sqrt(ia.n * ib.n) AS score,
                         row_number() OVER (PARTITION BY w.a ORDER BY w.c / sqrt(ia.n * ib.n) DESC, w.c DESC, w.b) AS pos
                  FROM both_ways w JOIN item ia ON ia.sku = w.a JOIN item ib ON ib.sku = w.b)
                INSERT INTO product_neighbour (kind, sku, position, neighbour, score, support)
                SELECT %s, a, pos, b, score, c FROM ranked WHERE pos <= ?""".formatted(BOUGHT, TOGETHER),
                Timestamp.from(from), Timestamp.from(to), maxBasket, minSupport, topN);
    }

    /**
     * "Viewed then bought": the members who viewed {@code a} and bought {@code b} (another SKU) after their first
     * view of it, over the members who viewed {@code a} and those who bought {@code b}. A member counts once per
     * pair however often they viewed or bought, so one keen shopper cannot make a pair. Returns the rows written.
     */
    int viewedThenBought(Tx tx, Instant from, Instant to, int minSupport, int topN) {
        return tx.sql().update("""
                WITH viewed AS (
                  SELECT member_id, sku, min(occurred_at) AS first_at FROM behaviour_event
                  WHERE kind = 'PRODUCT_VIEWED' AND member_id IS NOT NULL AND sku IS NOT NULL
                    AND occurred_at >= ? AND occurred_at < ?
                  GROUP BY member_id, sku),
                bought AS (
                  SELECT o.member_id, l.sku, max(o.submitted_at) AS last_at
                  FROM order_line l JOIN order_summary o ON o.id = l.order_id
                  WHERE %s AND o.member_id IS NOT NULL AND o.submitted_at >= ? AND o.submitted_at < ?
                  GROUP BY o.member_id, l.sku),
                viewers AS (SELECT sku, count(*)::float8 AS n FROM viewed GROUP BY sku),
                buyers AS (SELECT sku, count(*)::float8 AS n FROM bought GROUP BY sku),
                pair AS (
                  SELECT v.sku AS a, b.sku AS b, count(*) AS c FROM viewed v JOIN bought b
                    ON b.member_id = v.member_id AND b.sku <> v.sku AND b.last_at > v.first_at
                  GROUP BY v.sku, b.sku HAVING count(*) >= ?),
                ranked AS (
                  SELECT p.a, p.b, p.c, p.c / sqrt(va.n * bb.n) AS score,
                         row_number() OVER (PARTITION BY p.a ORDER BY p.c / sqrt(va.n * bb.n) DESC, p.c DESC, p.b) AS pos
                  FROM pair p JOIN viewers va ON va.sku = p.a JOIN buyers bb ON bb.sku = p.b)
                INSERT INTO product_neighbour (kind, sku, position, neighbour, score, support)
                SELECT %s, a, pos, b, score, c FROM ranked WHERE pos <= ?""".formatted(BOUGHT, AFTER_VIEW),
                Timestamp.from(from), Timestamp.from(to), Timestamp.from(from), Timestamp.from(to), minSupport, topN);
    }

    /** The SKUs {@code sku} is related to by {@code kind}, best first. */
    List<Neighbour> neighbours(Tx tx, NeighbourKind kind, String sku, int limit) {
        return tx.sql().list("""
                SELECT neighbour, score, support FROM product_neighbour WHERE kind = ? AND sku = ?
                ORDER BY position LIMIT ?""", rs -> new Neighbour(rs.getString(1), rs.getDouble(2), rs.getInt(3)),
                kind.name(), sku, limit);
    }

    /**
     * The summed similarity of every product related to the seeds, best first: a product near several of them ranks
     * above one near a single seed. Purchased seeds count by their bought-together neighbours, viewed seeds by
     * their viewed-then-bought ones and, at half weight, by what was bought with them. Whatever the member bought
     * is left out.
     */
    List<Neighbour> nearSeeds(Tx tx, long memberId, String[] purchased, String[] viewed, int limit) {
        return tx.sql().list("""
                WITH seed AS (
                  SELECT s AS sku, %2$s AS kind, 1.0::float8 AS weight FROM unnest(?::text[]) s
                  UNION ALL SELECT s, %3$s, 1.0 FROM unnest(?::text[]) s
                  UNION ALL SELECT s, %2$s, 0.5 FROM unnest(?::text[]) s)
                SELECT n.neighbour, sum(n.score * seed.weight) AS score, sum(n.support)::int AS support
                FROM seed JOIN product_neighbour n ON n.kind = seed.kind AND n.sku = seed.sku
                WHERE NOT EXISTS (SELECT 1 FROM order_summary o JOIN order_line l ON l.order_id = o.id
                                  WHERE o.member_id = ? AND %1$s AND l.sku = n.neighbour)
                GROUP BY n.neighbour ORDER BY 2 DESC, 1 LIMIT ?""".formatted(BOUGHT, TOGETHER, AFTER_VIEW),
                rs -> new Neighbour(rs.getString(1), rs.getDouble(2), rs.getInt(3)),
                tx.sql().textArray(purchased), tx.sql().textArray(viewed), tx.sql().textArray(viewed), memberId, limit);
    }

    /** The member's most recently bought distinct SKUs, newest first. */
    List<String> recentlyBought(Tx tx, long memberId, int limit) {
        return tx.sql().list("""
                SELECT l.sku FROM order_summary o JOIN order_line l ON l.order_id = o.id
                WHERE o.member_id = ? AND %s GROUP BY l.sku ORDER BY max(o.submitted_at) DESC, l.sku LIMIT ?"""
                .formatted(BOUGHT), rs -> rs.getString(1), memberId, limit);
    }

    /** The SKUs of the member's latest order that was not cancelled. */
    List<String> latestOrder(Tx tx, long memberId) {
        return tx.sql().list("""
                SELECT l.sku FROM order_line l WHERE l.order_id = (
                  SELECT o.id FROM order_summary o WHERE o.member_id = ? AND %s
                  ORDER BY o.submitted_at DESC, o.id DESC LIMIT 1)
                ORDER BY l.line_no""".formatted(BOUGHT), rs -> rs.getString(1), memberId);
    }

    /** The member's most recently viewed distinct SKUs, newest first. */
    List<String> recentlyViewed(Tx tx, long memberId, int limit) {
        return tx.sql().list("""
                SELECT sku FROM (
                  SELECT sku, occurred_at FROM behaviour_event
                  WHERE member_id = ? AND kind = 'PRODUCT_VIEWED' AND sku IS NOT NULL
                  ORDER BY occurred_at DESC LIMIT 500) v
                GROUP BY sku ORDER BY max(occurred_at) DESC, sku LIMIT ?""", rs -> rs.getString(1), memberId, limit);
    }

    /**
     * The products most members bought since {@code since}, which the member did not: what fills a slot the
     * member's own history cannot (a new shopper, a product nobody bought with anything).
     */
    List<Neighbour> popular(Tx tx, long memberId, Instant since, int limit) {
        return tx.sql().list("""
                SELECT l.sku, count(DISTINCT o.member_id) AS buyers FROM order_summary o
                JOIN order_line l ON l.order_id = o.id
                WHERE o.submitted_at >= ? AND %1$s AND o.member_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM order_summary m JOIN order_line ml ON ml.order_id = m.id
                                  WHERE m.member_id = ? AND m.status <> %2$s AND ml.sku = l.sku)
                GROUP BY l.sku ORDER BY 2 DESC, 1 LIMIT ?""".formatted(BOUGHT, Sql.literals(OrderStatus.CANCELLED)),
                rs -> new Neighbour(rs.getString(1), 0, rs.getInt(2)), Timestamp.from(since), memberId, limit);
    }

    /** How many products have neighbours of each kind, for the job's outcome. */
    long productsWith(Tx tx, NeighbourKind kind) {
        return tx.sql().number("SELECT count(DISTINCT sku) FROM product_neighbour WHERE kind = ?", kind.name());
    }
}
