package dev.kizuna.loyalty.points;

import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.DomainEvent;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.core.ports.DomainEvents;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderSubmitted;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The points a shopper earns: an order's points, pending at submission by the rules, campaigns and rank in force
 * then (one order, or a run of orders in one statement), and the registration bonus. Runs in the event's
 * transaction, after the core mirror has recorded the event, so each effect commits with the event's idempotency
 * record.
 */
final class PointsEarning {
    private final EarningRuleStore rules;
    private final RewardGranter granter;
    private final ModulePorts ports;
    private final Clock clock;
    private final PointsSettings settings;
    private final String currency;
    private final BudgetStore budgets;
    private final ZoneId zone;

    private final KizunaMetrics metrics;

    PointsEarning(EarningRuleStore rules, RewardGranter granter, ModulePorts ports, Clock clock, PointsSettings settings,
                  String currency, BudgetStore budgets, ZoneId zone, KizunaMetrics metrics) {
        this.metrics = metrics;
        this.rules = rules;
        this.budgets = budgets;
        this.zone = zone;
        this.granter = granter;
        this.ports = ports;
        this.clock = clock;
        this.settings = settings;
        this.currency = currency;
    }

    private void submitted(OrderSubmitted e, Tx tx) {
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
        BudgetStore.Claims claims = budgets.lock(tx, owners(campaigns, first));
        if (claims.has(BudgetStore.RULE_BONUS) || campaigns.stream().anyMatch(c -> claims.has(BudgetStore.campaign(c.id())))) {
            if (tx.sql().number("SELECT count(*) FROM points_order WHERE order_ref = ?", e.orderId()) > 0) {
                return; // recorded before: a repeat claims nothing
            }
        }
        OrderEarning earning = earning(tx, claims, e, r, benefits, campaigns, first);
        record(tx, e, memberId, r, benefits, earning);
        claims.write(tx);
    }

    /** The budgets an order under these campaigns may claim from. */
    private static Set<String> owners(List<Campaign> campaigns, boolean bonus) {
        Set<String> owners = new TreeSet<>();
        campaigns.forEach(c -> owners.add(BudgetStore.campaign(c.id())));
        if (bonus) {
            owners.add(BudgetStore.RULE_BONUS);
        }
        return owners;
    }

    /** An order's earning, its budgeted campaigns and first-order bonus claimed from their locked budgets. */
    private OrderEarning earning(Tx tx, BudgetStore.Claims claims, OrderSubmitted e, EarningRules r,
                                 RankBenefits.Benefits benefits, List<Campaign> campaigns, boolean first) {
        LocalDate day = e.occurredAt().atZone(zone).toLocalDate();
        long value = settings.pointValueMinor();
        Set<Long> budgeted = new HashSet<>();
        campaigns.stream().map(Campaign::id).filter(id -> claims.has(BudgetStore.campaign(id))).forEach(budgeted::add);
        OrderEarning earning = OrderEarning.of(r, benefits.pointMultiplierPercent(), campaigns, budgeted,
                (id, points) -> claims.claim(tx, BudgetStore.campaign(id), points, day, value),
                lines(e), e.pointsRedeemed(), value, first);
        if (earning.orderBonus() > 0 && claims.has(BudgetStore.RULE_BONUS)) {
            earning = earning.withOrderBonus(claims.claim(tx, BudgetStore.RULE_BONUS, earning.orderBonus(), day, value));
        }
        return earning;
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
        boolean bonus = versions.stream().anyMatch(v -> v.firstOrderBonus() > 0) || defaultsGiveBonus(versions);
        BudgetStore.Claims claims = budgets.lock(tx, owners(campaigns, bonus));
        if (claims.has(BudgetStore.RULE_BONUS) || campaigns.stream().anyMatch(c -> claims.has(BudgetStore.campaign(c.id())))) {
            earning = unrecorded(tx, earning);
        }
        List<Earned> earned = new ArrayList<>(earning.size());
        for (OrderSubmitted e : earning) {
            long memberId = members.get(e.customerId());
            EarningRules r = rules.inForce(versions, e.occurredAt());
            List<Campaign> active = forMember(tx, memberId,
                    campaigns.stream().filter(c -> c.activeAt(e.occurredAt())).toList());
            RankBenefits.Benefits b = benefits.get(memberId);
            boolean first = ordered.add(memberId);
            earned.add(new Earned(e, memberId, r, b, earning(tx, claims, e, r, b, active, first)));
        }
        recordAll(tx, earned);
        claims.write(tx);
    }

    private boolean defaultsGiveBonus(List<EarningRules> versions) {
        return versions.isEmpty() && settings.defaults().firstOrderBonus() > 0;
    }

    /**
     * The orders not recorded before, each once: under a budget a repeated order (another event for the same order)
     * must not claim what its first record already took.
     */
    private static List<OrderSubmitted> unrecorded(Tx tx, List<OrderSubmitted> orders) {
        Set<String> seen = new HashSet<>(tx.sql().list("SELECT order_ref FROM points_order WHERE order_ref = ANY(?)",
                rs -> rs.getString(1), tx.sql().textArray(orders.stream().map(OrderSubmitted::orderId).toArray(String[]::new))));
        return orders.stream().filter(o -> seen.add(o.orderId())).toList();
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
        List<DomainEvent> earned = sql.list("""
                WITH t AS (
                  SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[],
                                       ?::text[], ?::bigint[], ?::text[], ?::bigint[]) WITH ORDINALITY
                       AS t(ref, member_id, submitted, version, rank_code, multiplier, campaign_ids, line_points, bonus,
                            line_redeemed, earned, n)),
                o AS (
                  INSERT INTO points_order (order_ref, member_id, submitted_at, rule_version, rank_code,
                         rank_multiplier_percent, campaign_ids, line_points, order_bonus, line_redeemed, earned, status)
                  SELECT ref, member_id, submitted::timestamptz, version, rank_code, multiplier, campaign_ids::bigint[],
                         line_points::bigint[], bonus, line_redeemed::bigint[], earned, %s
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
                  SELECT o.member_id, %s, o.earned, o.earned, 'ORDER', o.order_ref, o.order_ref, ?
                  FROM o JOIN t ON t.ref = o.order_ref WHERE o.earned > 0 ORDER BY t.n RETURNING 1)
                SELECT o.order_ref, o.member_id, o.earned FROM o JOIN t ON t.ref = o.order_ref WHERE o.earned > 0
                ORDER BY t.n""".formatted(Sql.literals(EarningStatus.PENDING), LedgerKind.EARN.literal()),
                rs -> earnedEvent(rs.getString(1), rs.getLong(2), rs.getLong(3), now),
                sql.textArray(ref), sql.longArray(member), sql.textArray(submitted), sql.longArray(version),
                sql.textArray(rank), sql.longArray(multiplier), sql.textArray(campaignIds), sql.textArray(linePoints),
                sql.longArray(bonus), sql.textArray(lineRedeemed), sql.longArray(total), now, now);
        metrics.ledgerEntries(tx, LedgerKind.EARN.name(), earned.size());
        DomainEvents.record(ports, tx, earned);
    }

    /** Points an order earned (pending until confirmed), as the domain event receivers subscribe to. */
    private static DomainEvent earnedEvent(String orderRef, long memberId, long points, Instant at) {
        return new DomainEvent(DomainEventType.POINTS_EARNED, memberId, at,
                Map.of("points", points, "source", "ORDER", "orderId", orderRef, "status", EarningStatus.PENDING.name()));
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
        Optional<DomainEvent> earned = sql.one("""
                WITH o AS (
                  INSERT INTO points_order (order_ref, member_id, submitted_at, rule_version, rank_code,
                         rank_multiplier_percent, campaign_ids, line_points, order_bonus, line_redeemed, earned, status)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (order_ref) DO NOTHING RETURNING member_id, earned),
                a AS (
                  INSERT INTO points_account AS p (member_id, pending, last_earned_at, updated_at)
                  SELECT member_id, earned, ?, ? FROM o WHERE earned > 0
                  ON CONFLICT (member_id) DO UPDATE SET pending = p.pending + EXCLUDED.pending,
                         last_earned_at = greatest(p.last_earned_at, EXCLUDED.last_earned_at), updated_at = EXCLUDED.updated_at
                  RETURNING 1),
                e AS (
                  INSERT INTO points_entry (member_id, kind, points, d_pending, source, source_ref, order_ref, created_at)
                  SELECT member_id, %s, earned, earned, 'ORDER', ?, ?, ? FROM o WHERE earned > 0 RETURNING 1)
                SELECT member_id, earned FROM o WHERE earned > 0""".formatted(LedgerKind.EARN.literal()),
                rs -> earnedEvent(e.orderId(), rs.getLong(1), rs.getLong(2), now),
                e.orderId(), memberId, e.occurredAt(), r.version(), benefits.rankCode(), benefits.pointMultiplierPercent(),
                sql.longArray(earning.campaignIds().stream().mapToLong(Long::longValue).toArray()),
                sql.longArray(earning.linePoints()), earning.orderBonus(), sql.longArray(earning.lineRedeemed()),
                earning.total(), EarningStatus.PENDING, e.occurredAt(), now, e.orderId(), e.orderId(), now);
        metrics.ledgerEntries(tx, LedgerKind.EARN.name(), earned.isPresent() ? 1 : 0);
        earned.ifPresent(d -> DomainEvents.record(ports, tx, d));
    }

    void registered(CustomerRegistered e, Tx tx) {
        long bonus = rules.rulesAt(tx, e.occurredAt()).registrationBonus();
        if (bonus <= 0) {
            return;
        }
        long memberId = Members.ensure(tx, e.customerId());
        BudgetStore.Claims claims = budgets.lock(tx, Set.of(BudgetStore.RULE_BONUS));
        if (claims.has(BudgetStore.RULE_BONUS)) {
            if (tx.sql().number("SELECT count(*) FROM points_entry WHERE idem_key = ?",
                    "grant:REGISTRATION:" + e.customerId()) > 0) {
                return; // granted before: a repeat claims nothing
            }
            bonus = claims.claim(tx, BudgetStore.RULE_BONUS, bonus, e.occurredAt().atZone(zone).toLocalDate(),
                    settings.pointValueMinor());
        }
        if (bonus > 0) {
            granter.grant(tx, memberId, bonus, "REGISTRATION", e.customerId(), null);
            claims.write(tx);
        }
    }
}
