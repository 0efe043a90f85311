package dev.kizuna.loyalty.points;

import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.mirror.MirroredOrder;
import dev.kizuna.core.mirror.ReturnShare;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.core.ports.RankReevaluation;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The points an order earns, through its life: pending at submission (by the rules in force then), due once
 * delivered plus the return window, available when the confirmation job confirms it; removed on cancel, and the
 * returned lines' share reversed on a return (from pending, or from available with any shortfall as debt). Runs
 * in the event's transaction, after the core mirror has recorded the event, so each effect commits with the
 * event's idempotency record.
 */
final class OrderPoints {

    /** An order's earning record, read under the account lock. */
    record EarningOrder(long id, String orderRef, long memberId, long[] linePoints, long[] lineRedeemed, long orderBonus,
                        long earned, long reversed, String status, Instant confirmedAt) {
        long remaining() {
            return earned - reversed;
        }
    }

    private final PointLedger ledger;
    private final EarningRuleStore rules;
    private final Redemptions redemptions;
    private final RewardGranter granter;
    private final ModulePorts ports;
    private final Clock clock;
    private final PointsSettings settings;
    private final String currency;

    OrderPoints(PointLedger ledger, EarningRuleStore rules, Redemptions redemptions, RewardGranter granter,
                ModulePorts ports, Clock clock, PointsSettings settings, String currency) {
        this.ledger = ledger;
        this.rules = rules;
        this.redemptions = redemptions;
        this.granter = granter;
        this.ports = ports;
        this.clock = clock;
        this.settings = settings;
        this.currency = currency;
    }

    // ---- events -----------------------------------------------------------------------------------------------------

    void submitted(OrderSubmitted e, Tx tx) {
        long memberId = Members.ensure(tx, e.customerId());
        if (e.pointsRedeemed() > 0) {
            tx.sql().update("UPDATE points_reservation SET order_seen = true WHERE order_ref = ? AND NOT order_seen", e.orderId());
        }
        if (!currency.equals(e.currency())) {
            return; // points are earned in the shop currency only
        }
        EarningRules r = rules.rulesAt(tx, e.occurredAt());
        List<Campaign> campaigns = forMember(tx, memberId, rules.campaignsAt(tx, e.occurredAt()));
        RankBenefits.Benefits benefits = ports.find(RankBenefits.class).map(b -> b.benefitsOf(tx, memberId))
                .orElse(RankBenefits.Benefits.NONE);
        boolean first = r.firstOrderBonus() > 0
                && tx.sql().number("SELECT count(*) FROM points_order WHERE member_id = ?", memberId) == 0;
        List<OrderEarning.Line> lines = new ArrayList<>(e.lines().size());
        for (OrderSubmitted.OrderLine l : e.lines()) {
            lines.add(new OrderEarning.Line(l.sku(), l.category(), l.quantity(), l.netAmount()));
        }
        OrderEarning earning = OrderEarning.of(r, benefits.pointMultiplierPercent(), campaigns, lines, e.pointsRedeemed(),
                settings.pointValueMinor(), first);
        record(tx, e, memberId, r, benefits, earning);
    }

    /**
     * {@link #submitted} for a run of orders, with the same effects in list order: rules, campaigns and rank benefits
     * read once for the run, and all earning records, EARN entries and pending balances written in one statement.
     */
    void submittedAll(List<OrderSubmitted> events, Tx tx) {
        if (events.size() == 1) {
            submitted(events.get(0), tx);
            return;
        }
        Map<String, Long> members = Members.ensureAll(tx, events.stream().map(OrderSubmitted::customerId).toList());
        String[] redeeming = events.stream().filter(e -> e.pointsRedeemed() > 0).map(OrderSubmitted::orderId)
                .toArray(String[]::new);
        if (redeeming.length > 0) {
            tx.sql().update("UPDATE points_reservation SET order_seen = true WHERE order_ref = ANY(?) AND NOT order_seen",
                    tx.sql().textArray(redeeming));
        }
        List<OrderSubmitted> earning = events.stream().filter(e -> currency.equals(e.currency())).toList();
        if (earning.isEmpty()) {
            return;
        }
        Instant from = earning.stream().map(OrderSubmitted::occurredAt).min(Instant::compareTo).orElseThrow();
        Instant to = earning.stream().map(OrderSubmitted::occurredAt).max(Instant::compareTo).orElseThrow();
        List<EarningRules> versions = rules.rulesBetween(tx, from, to);
        List<Campaign> campaigns = rules.campaignsBetween(tx, from, to);
        long[] memberIds = earning.stream().mapToLong(e -> members.get(e.customerId())).distinct().toArray();
        Map<Long, RankBenefits.Benefits> benefits = benefitsOf(tx, memberIds);
        // An order is a member's first when the member has no earning record yet and no earlier order of this run.
        Set<Long> ordered = new HashSet<>();
        if (earning.stream().anyMatch(e -> rules.inForce(versions, e.occurredAt()).firstOrderBonus() > 0)) {
            ordered.addAll(tx.sql().list("SELECT DISTINCT member_id FROM points_order WHERE member_id = ANY(?)",
                    rs -> rs.getLong(1), tx.sql().longArray(memberIds)));
        }
        List<Earned> earned = new ArrayList<>(earning.size());
        for (OrderSubmitted e : earning) {
            long memberId = members.get(e.customerId());
            EarningRules r = rules.inForce(versions, e.occurredAt());
            List<Campaign> active = forMember(tx, memberId,
                    campaigns.stream().filter(c -> c.activeAt(e.occurredAt())).toList());
            RankBenefits.Benefits b = benefits.get(memberId);
            boolean first = ordered.add(memberId);
            earned.add(new Earned(e, memberId, r, b, OrderEarning.of(r, b.pointMultiplierPercent(), active,
                    lines(e), e.pointsRedeemed(), settings.pointValueMinor(), first)));
        }
        recordAll(tx, earned);
    }

    /** An order's earning as {@link #recordAll} writes it. */
    private record Earned(OrderSubmitted event, long memberId, EarningRules rules, RankBenefits.Benefits benefits,
                          OrderEarning earning) {
    }

    private Map<Long, RankBenefits.Benefits> benefitsOf(Tx tx, long[] memberIds) {
        Optional<RankBenefits> ranks = ports.find(RankBenefits.class);
        if (ranks.isPresent()) {
            return ranks.get().benefitsOf(tx, memberIds);
        }
        Map<Long, RankBenefits.Benefits> out = new HashMap<>();
        for (long m : memberIds) {
            out.put(m, RankBenefits.Benefits.NONE);
        }
        return out;
    }

    /**
     * The campaigns this member earns under: those for everyone, and those for a segment the member is in. Without
     * the segments feature, segment campaigns apply to nobody.
     */
    private List<Campaign> forMember(Tx tx, long memberId, List<Campaign> campaigns) {
        if (campaigns.stream().allMatch(c -> c.segment() == null)) {
            return campaigns;
        }
        Optional<SegmentDirectory> segments = ports.find(SegmentDirectory.class);
        return campaigns.stream()
                .filter(c -> c.segment() == null || segments.map(d -> d.inSegment(tx, memberId, c.segment())).orElse(false))
                .toList();
    }

    private static List<OrderEarning.Line> lines(OrderSubmitted e) {
        List<OrderEarning.Line> lines = new ArrayList<>(e.lines().size());
        for (OrderSubmitted.OrderLine l : e.lines()) {
            lines.add(new OrderEarning.Line(l.sku(), l.category(), l.quantity(), l.netAmount()));
        }
        return lines;
    }

    /**
     * {@link #record} for many orders in one statement. Rows go in list order; a member's pending balance takes the
     * sum of its orders in one update (an upsert may touch a row once per statement), accounts in id order.
     */
    private void recordAll(Tx tx, List<Earned> orders) {
        int n = orders.size();
        String[] ref = new String[n];
        long[] member = new long[n];
        String[] submitted = new String[n];
        Long[] version = new Long[n];
        String[] rank = new String[n];
        long[] multiplier = new long[n];
        String[] campaignIds = new String[n];
        String[] linePoints = new String[n];
        long[] bonus = new long[n];
        String[] lineRedeemed = new String[n];
        long[] total = new long[n];
        for (int i = 0; i < n; i++) {
            Earned o = orders.get(i);
            ref[i] = o.event().orderId();
            member[i] = o.memberId();
            submitted[i] = o.event().occurredAt().toString();
            version[i] = o.rules().version() == null ? null : o.rules().version().longValue();
            rank[i] = o.benefits().rankCode();
            multiplier[i] = o.benefits().pointMultiplierPercent();
            campaignIds[i] = arrayLiteral(o.earning().campaignIds().stream().mapToLong(Long::longValue).toArray());
            linePoints[i] = arrayLiteral(o.earning().linePoints());
            bonus[i] = o.earning().orderBonus();
            lineRedeemed[i] = arrayLiteral(o.earning().lineRedeemed());
            total[i] = o.earning().total();
        }
        Sql sql = tx.sql();
        Instant now = clock.instant();
        sql.number("""
                WITH t AS (
                  SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[],
                                       ?::text[], ?::bigint[], ?::text[], ?::bigint[]) WITH ORDINALITY
                       AS t(ref, member_id, submitted, version, rank_code, multiplier, campaign_ids, line_points, bonus,
                            line_redeemed, earned, n)),
                o AS (
                  INSERT INTO points_order (order_ref, member_id, submitted_at, rule_version, rank_code,
                         rank_multiplier_percent, campaign_ids, line_points, order_bonus, line_redeemed, earned, status)
                  SELECT ref, member_id, submitted::timestamptz, version, rank_code, multiplier, campaign_ids::bigint[],
                         line_points::bigint[], bonus, line_redeemed::bigint[], earned, 'PENDING'
                  FROM t ORDER BY n
                  ON CONFLICT (order_ref) DO NOTHING RETURNING order_ref, member_id, earned, submitted_at),
                a AS (
                  INSERT INTO points_account AS p (member_id, pending, last_earned_at, updated_at)
                  SELECT member_id, sum(earned), max(submitted_at), ? FROM o WHERE earned > 0
                  GROUP BY member_id ORDER BY member_id
                  ON CONFLICT (member_id) DO UPDATE SET pending = p.pending + EXCLUDED.pending,
                         last_earned_at = greatest(p.last_earned_at, EXCLUDED.last_earned_at), updated_at = EXCLUDED.updated_at
                  RETURNING 1),
                e AS (
                  INSERT INTO points_entry (member_id, kind, points, d_pending, source, source_ref, order_ref, created_at)
                  SELECT o.member_id, 'EARN', o.earned, o.earned, 'ORDER', o.order_ref, o.order_ref, ?
                  FROM o JOIN t ON t.ref = o.order_ref WHERE o.earned > 0 ORDER BY t.n RETURNING 1)
                SELECT count(*) FROM o""",
                sql.textArray(ref), sql.longArray(member), sql.textArray(submitted), sql.longArray(version),
                sql.textArray(rank), sql.longArray(multiplier), sql.textArray(campaignIds), sql.textArray(linePoints),
                sql.longArray(bonus), sql.textArray(lineRedeemed), sql.longArray(total), now, now);
    }

    private static String arrayLiteral(long[] values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i]);
        }
        return b.append('}').toString();
    }

    /** One statement: the order's earning record, its EARN entry and the account's pending balance. */
    private void record(Tx tx, OrderSubmitted e, long memberId, EarningRules r, RankBenefits.Benefits benefits,
                        OrderEarning earning) {
        Sql sql = tx.sql();
        Instant now = clock.instant();
        sql.one("""
                WITH o AS (
                  INSERT INTO points_order (order_ref, member_id, submitted_at, rule_version, rank_code,
                         rank_multiplier_percent, campaign_ids, line_points, order_bonus, line_redeemed, earned, status)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')
                  ON CONFLICT (order_ref) DO NOTHING RETURNING member_id, earned),
                a AS (
                  INSERT INTO points_account AS p (member_id, pending, last_earned_at, updated_at)
                  SELECT member_id, earned, ?, ? FROM o WHERE earned > 0
                  ON CONFLICT (member_id) DO UPDATE SET pending = p.pending + EXCLUDED.pending,
                         last_earned_at = greatest(p.last_earned_at, EXCLUDED.last_earned_at), updated_at = EXCLUDED.updated_at
                  RETURNING 1),
                e AS (
                  INSERT INTO points_entry (member_id, kind, points, d_pending, source, source_ref, order_ref, created_at)
                  SELECT member_id, 'EARN', earned, earned, 'ORDER', ?, ?, ? FROM o WHERE earned > 0 RETURNING 1)
                SELECT count(*) FROM o""", rs -> rs.getLong(1),
                e.orderId(), memberId, e.occurredAt(), r.version(), benefits.rankCode(), benefits.pointMultiplierPercent(),
                sql.longArray(earning.campaignIds().stream().mapToLong(Long::longValue).toArray()),
                sql.longArray(earning.linePoints()), earning.orderBonus(), sql.longArray(earning.lineRedeemed()),
                earning.total(), e.occurredAt(), now, e.orderId(), e.orderId(), now);
    }

    void delivered(OrderDelivered e, Tx tx) {
        tx.sql().update("UPDATE points_order SET due_at = coalesce(due_at, ?) WHERE order_ref = ? AND status = 'PENDING'",
                e.occurredAt().plus(Duration.ofDays(settings.returnWindowDays())), e.orderId());
    }

    void cancelled(OrderCancelled e, Tx tx) {
        Optional<Long> member = memberOf(tx, e.orderId());
        if (member.isPresent()) {
            PointLedger.Account a = ledger.lock(tx, member.get());
            EarningOrder o = order(tx, e.orderId()).orElseThrow();
            long remaining = o.remaining();
            Instant now = clock.instant();
            if (remaining > 0 && o.status().equals("PENDING")) {
                ledger.append(tx, a.memberId(), PointLedger.Entry.of("CANCEL", -remaining, "ORDER", e.orderId(), e.orderId())
                        .deltas(0, -remaining, 0, 0), 0, now, false);
            } else if (remaining > 0 && o.status().equals("CONFIRMED")) {
                ledger.debit(tx, a, remaining, PointLedger.Entry.of("CANCEL", -remaining, "ORDER", e.orderId(), e.orderId())
                        .earned(-remaining, o.confirmedAt()), now);
            }
            tx.sql().update("UPDATE points_order SET status = 'CANCELLED', reversed = earned WHERE id = ?", o.id());
        }
        redemptions.release(tx, e.orderId(), "CANCEL");
    }

    void returned(OrderReturned e, Tx tx) {
        Optional<Long> member = memberOf(tx, e.orderId());
        if (member.isEmpty()) {
            return;
        }
        MirroredOrder mirrored = MirroredOrder.find(tx, e.orderId()).orElseThrow();
        PointLedger.Account a = ledger.lock(tx, member.get());
        EarningOrder o = order(tx, e.orderId()).orElseThrow();
        Map<String, Integer> now = new HashMap<>();
        for (OrderReturned.ReturnedLine l : e.lines()) {
            now.merge(l.sku(), l.quantity(), Integer::sum);
        }
        long points = 0;
        long redeemed = 0;
        boolean allBack = true;
        for (MirroredOrder.Line line : mirrored.lines()) {
            int i = line.lineNo() - 1;
            int returning = now.getOrDefault(line.sku(), 0);
            // The mirror has already counted this return: what was back before is its figure less this return.
            int before = line.returnedQuantity() - returning;
            if (returning > 0 && i < o.linePoints().length) {
                points += ReturnShare.of(o.linePoints()[i], line.quantity(), before, returning);
                redeemed += ReturnShare.of(o.lineRedeemed()[i], line.quantity(), before, returning);
            }
            allBack &= line.returnedQuantity() >= line.quantity();
        }
        if (allBack) {
            points += o.orderBonus();
        }
        points = Math.min(points, o.remaining());
        Instant at = clock.instant();
        if (points > 0 && !o.status().equals("CANCELLED")) {
            PointLedger.Entry entry = PointLedger.Entry.of("RETURN", -points, "ORDER", e.orderId(), e.orderId())
                    .idem("return:" + e.eventId());
            Optional<Long> done = o.status().equals("PENDING")
                    ? ledger.append(tx, a.memberId(), entry.deltas(0, -points, 0, 0), 0, at, false)
                    : ledger.debit(tx, a, points, entry.earned(-points, o.confirmedAt()), at);
            if (done.isPresent()) {
                tx.sql().update("UPDATE points_order SET reversed = reversed + ? WHERE id = ?", points, o.id());
            }
        }
        redemptions.refund(tx, e.orderId(), redeemed, "refund:" + e.eventId());
    }

    void registered(CustomerRegistered e, Tx tx) {
        long bonus = rules.rulesAt(tx, e.occurredAt()).registrationBonus();
        if (bonus > 0) {
            granter.grant(tx, Members.ensure(tx, e.customerId()), bonus, "REGISTRATION", e.customerId(), null);
        }
    }

    // ---- confirmation -------------------------------------------------------------------------------------------------

    /**
     * Makes a due order's remaining points available (debt first); returns the points confirmed, or -1 when the
     * order was no longer pending. Re-evaluates the member's rank at once when ranks are installed.
     */
    long confirm(Tx tx, long orderId, Instant asOf) {
        Optional<Long> member = tx.sql().one("SELECT member_id FROM points_order WHERE id = ?", rs -> rs.getLong(1), orderId);
        if (member.isEmpty()) {
            return -1;
        }
        PointLedger.Account a = ledger.lock(tx, member.get());
        Optional<EarningOrder> found = tx.sql().one(ORDER_SELECT + " WHERE id = ? FOR UPDATE", OrderPoints::earningOrder, orderId);
        if (found.isEmpty() || !found.get().status().equals("PENDING")) {
            return -1;
        }
        EarningOrder o = found.get();
        long points = o.remaining();
        if (points > 0) {
            ledger.credit(tx, a, points, PointLedger.Entry.of("CONFIRM", points, "ORDER", o.orderRef(), o.orderRef())
                    .deltas(0, -points, 0, 0).earned(points, asOf), asOf, false);
        }
        tx.sql().update("UPDATE points_order SET status = 'CONFIRMED', confirmed_at = ? WHERE id = ?", asOf, o.id());
        if (points > 0) {
            ports.find(RankReevaluation.class).ifPresent(r -> r.reevaluate(tx, o.memberId(), asOf));
        }
        return points;
    }

    // ---- reads ------------------------------------------------------------------------------------------------------

    private static final String ORDER_SELECT = """
            SELECT id, order_ref, member_id, line_points, line_redeemed, order_bonus, earned, reversed, status, confirmed_at
            FROM points_order""";

    private static Optional<Long> memberOf(Tx tx, String orderRef) {
        return tx.sql().one("SELECT member_id FROM points_order WHERE order_ref = ?", rs -> rs.getLong(1), orderRef);
    }

    /** The order's earning record, locked; call with the member's account locked. */
    static Optional<EarningOrder> order(Tx tx, String orderRef) {
        return tx.sql().one(ORDER_SELECT + " WHERE order_ref = ? FOR UPDATE", OrderPoints::earningOrder, orderRef);
    }

    private static EarningOrder earningOrder(java.sql.ResultSet rs) throws SQLException {
        return new EarningOrder(rs.getLong(1), rs.getString(2), rs.getLong(3), longs(rs.getArray(4)), longs(rs.getArray(5)),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getString(9), Sql.instant(rs, "confirmed_at"));
    }

    private static long[] longs(Array a) throws SQLException {
        Object[] values = (Object[]) a.getArray();
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).longValue();
        }
        return out;
    }
}
