package dev.kizuna.messaging.report;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.messaging.delivery.MessageSource;

import java.util.ArrayList;
import java.util.List;

/** Aggregates over {@code message}, the kernel's outbox and order mirror, for a campaign or one of its steps. */
final class ReportStore {

    record Counts(long sent, long delivered, long failed, long heldOut, long capped, long clicked, long unsubscribed) {
    }

    private static String scope(Integer step) {
        return "g.source = ? AND g.campaign_id = ?" + (step == null ? "" : " AND g.step = ?");
    }

    private static Object[] args(MessageSource source, long campaignId, Integer step, Object... before) {
        List<Object> a = new ArrayList<>(List.of(before));
        a.add(source);
        a.add(campaignId);
        if (step != null) {
            a.add(step);
        }
        return a.toArray();
    }

    /** Personal coupon codes issued with the campaign's messages (one per recipient of a broadcast with a coupon). */
    long couponsIssued(Tx tx, MessageSource source, long campaignId, Integer step) {
        return tx.sql().number("SELECT count(*) FROM message g WHERE " + scope(step) + " AND g.coupon_code IS NOT NULL",
                args(source, campaignId, step));
    }

    /** The query of the personal codes the campaign's messages carried, for the coupons feature to join its uses to. */
    static String codesQuery(Integer step) {
        return "SELECT g.coupon_code FROM message g WHERE " + scope(step) + " AND g.coupon_code IS NOT NULL";
    }

    static List<Object> codesArgs(MessageSource source, long campaignId, Integer step) {
        return List.of(args(source, campaignId, step));
    }

    Counts counts(Tx tx, MessageSource source, long campaignId, Integer step) {
        return tx.sql().one("""
                SELECT count(*) FILTER (WHERE g.status IN ('QUEUED', 'SENT', 'DELIVERED', 'FAILED')),
                       count(*) FILTER (WHERE g.status = 'DELIVERED' OR o.status = 'SENT'),
                       count(*) FILTER (WHERE g.status = 'FAILED' OR o.status = 'DEAD'),
                       count(*) FILTER (WHERE g.status = 'HOLDOUT'),
                       count(*) FILTER (WHERE g.status = 'CAPPED'),
                       count(g.clicked_at), count(g.unsubscribed_at)
                FROM message g LEFT JOIN mail_outbox o ON o.id = g.outbox_id
                WHERE""" + " " + scope(step),
                rs -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)), args(source, campaignId, step)).orElseThrow();
    }

    /**
     * Messaged and holdout customers, with those who ordered within {@code days} after the decision and what they
     * spent then (grand total net of returns; cancelled orders do not count).
     */
    Uplift.Group[] groups(Tx tx, MessageSource source, long campaignId, Integer step, int days) {
        Uplift.Group[] groups = {Uplift.Group.EMPTY, Uplift.Group.EMPTY};
        tx.sql().list("""
                SELECT g.status = 'HOLDOUT', count(*), count(*) FILTER (WHERE r.orders > 0),
                       coalesce(sum(r.revenue), 0)::float8, coalesce(sum(r.revenue::numeric * r.revenue), 0)::float8
                FROM message g
                CROSS JOIN LATERAL (
                    SELECT count(*) AS orders, coalesce(sum(o.grand_total - o.returned_total), 0) AS revenue
                    FROM order_summary o
                    WHERE o.member_id = g.member_id AND o.status <> 'CANCELLED'
                      AND o.submitted_at > g.decided_at AND o.submitted_at <= g.decided_at + make_interval(days => ?)) r
                WHERE g.status IN ('QUEUED', 'SENT', 'DELIVERED', 'HOLDOUT') AND""" + " " + scope(step) + " GROUP BY 1",
                rs -> groups[rs.getBoolean(1) ? 1 : 0] = new Uplift.Group(rs.getLong(2), rs.getLong(3),
                        rs.getDouble(4), rs.getDouble(5)), args(source, campaignId, step, days));
        return groups;
    }
}
