package dev.kizuna.loyalty.rank;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.mirror.OrderStatus;
import dev.kizuna.core.persistence.Sql;
import org.hibernate.LockMode;
import org.hibernate.Session;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.DomainEvent;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.core.ports.DomainEvents;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.MemberDiscount;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.loyalty.rank.RankPolicy.Decision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ranks feature's SQL: the ladder, each member's rank, the history, and the qualifying figures, counted
 * set-based for a whole batch of members from {@code points_earned} (the points feature's view of confirmed
 * earnings) and the core order mirror.
 */
final class RankStore {
    private final String currency;
    private final ZoneId zone;
    private final ModulePorts ports;

    RankStore(String currency, ZoneId zone, ModulePorts ports) {
        this.currency = currency;
        this.zone = zone;
        this.ports = ports;
    }

    // ---- the ladder ------------------------------------------------------------------------------------------

    RankProgram program(Tx tx) {
        return program(tx, false);
    }

    /** The ladder, locked against a concurrent edit until the transaction ends. */
    RankProgram programForUpdate(Tx tx) {
        return program(tx, true);
    }

    private RankProgram program(Tx tx, boolean lock) {
        Session session = tx.session();
        RankProgramEntity settings = lock
                ? session.get(RankProgramEntity.class, RankProgramEntity.ID, LockMode.PESSIMISTIC_WRITE)
                : session.get(RankProgramEntity.class, RankProgramEntity.ID);
        if (settings == null) {
            throw new IllegalStateException("the rank program row is missing");
        }
        List<RankDefinitionEntity> ranks = definitions(session);
        RankProgram program = new RankProgram(settings.windowMonths, settings.downgradePolicy,
                ranks.stream().map(RankDefinitionEntity::toDefinition).toList());
        // A read leaves nothing in the session: the SQL after it (figures, decisions) has nothing to flush.
        session.detach(settings);
        ranks.forEach(session::detach);
        return program;
    }

    private static List<RankDefinitionEntity> definitions(Session session) {
        return session.createSelectionQuery("from RankDefinitionEntity order by level", RankDefinitionEntity.class)
                .getResultList();
    }

    /** Writes the ladder: the settings, every rank changed or added (ranks are never removed). */
    void save(Tx tx, RankProgram program, Instant now) {
        Session session = tx.session();
        RankProgramEntity settings = session.get(RankProgramEntity.class, RankProgramEntity.ID);
        settings.windowMonths = program.windowMonths();
        settings.downgradePolicy = program.downgradePolicy();
        settings.updatedAt = now;
        Map<String, RankDefinitionEntity> stored = new HashMap<>();
        definitions(session).forEach(e -> stored.put(e.code, e));
        List<String> moved = new ArrayList<>();
        for (RankDefinition d : program.ranks()) {
            RankDefinitionEntity e = stored.get(d.code());
            if (e == null) {
                e = new RankDefinitionEntity();
                e.set(d, now);
                session.persist(e);
            } else {
                if (e.level != d.level()) {
                    moved.add(d.code());
                }
                e.set(d, now);
            }
        }
        // Levels move within the ladder: the unique level constraint is deferred to the commit.
        session.flush();
        if (!moved.isEmpty()) {
            // a rank inserted below others moves their holders' level on member, which the customers list sorts by
            tx.sql().update("""
                    UPDATE member m SET rank_level = d.level
                    FROM member_rank r JOIN rank_definition d ON d.code = r.rank_code
                    WHERE r.member_id = m.id AND r.rank_code = ANY(?) AND m.rank_level <> d.level""",
                    tx.sql().textArray(moved.toArray(String[]::new)));
        }
    }

    // ---- qualifying figures --------------------------------------------------------------------------------------

    /** A member of a batch with their figures and the rank they hold (null: none above the base rank recorded). */
    record Judged(long memberId, QualifyingFigures figures, MemberRank current) {
    }

    /**
     * The figures of the members {@code ids} (ascending) over {@code window}, in one statement. Earnings are read
     * by the range of the batch's ids, which the ledger's member index serves as one ordered scan.
     */
    List<Judged> figures(Tx tx, List<Long> ids, QualificationWindow window, boolean withSpend) {
        if (ids.isEmpty()) {
            return List.of();
        }
        long lo = ids.get(0);
        long hi = ids.get(ids.size() - 1);
        String spendCte = withSpend ? """
                , spent AS (
                    SELECT member_id, sum(merchandise_total - returned_total) AS spend
                    FROM order_summary
                    WHERE member_id BETWEEN ? AND ? AND status <> ? AND currency = ?
                      AND submitted_at >= ? AND submitted_at <= ?
                    GROUP BY member_id)""" : "";
        String sql = """
                WITH ids AS (SELECT unnest(?::bigint[]) AS member_id),
                per_order AS (
                    SELECT member_id, order_ref, sum(points) AS points
                    FROM points_earned
                    WHERE member_id BETWEEN ? AND ? AND earned_at >= ? AND earned_at <= ?
                    GROUP BY member_id, order_ref),
                earned AS (
                    SELECT member_id, sum(points) AS points,
                           count(*) FILTER (WHERE order_ref IS NOT NULL AND points > 0) AS orders
                    FROM per_order GROUP BY member_id)""" + spendCte + """

                SELECT ids.member_id, coalesce(e.points, 0), coalesce(e.orders, 0), %s,
                       r.rank_code, r.since, r.held_until
                FROM ids LEFT JOIN earned e ON e.member_id = ids.member_id
                %s
                LEFT JOIN member_rank r ON r.member_id = ids.member_id AND r.member_id BETWEEN ? AND ?
                ORDER BY ids.member_id""".formatted(
                withSpend ? "coalesce(s.spend, 0)" : "0",
                withSpend ? "LEFT JOIN spent s ON s.member_id = ids.member_id" : "");
        List<Object> params = new ArrayList<>(List.of(tx.sql().longArray(ids.toArray(Long[]::new)),
                lo, hi, window.from(), window.to()));
        if (withSpend) {
            params.addAll(List.of(lo, hi, OrderStatus.CANCELLED, currency, window.from(), window.to()));
        }
        params.addAll(List.of(lo, hi));
        return tx.sql().list(sql, rs -> {
            String code = rs.getString(5);
            MemberRank current = code == null ? null : new MemberRank(code, Sql.instant(rs, "since"),
                    rs.getObject(7, LocalDate.class));
            return new Judged(rs.getLong(1), new QualifyingFigures(rs.getLong(2), rs.getLong(3), rs.getLong(4)), current);
        }, params.toArray());
    }

    /** One member's earnings in the window by shop-local day and order, for the outlook. */
    List<RankOutlook.DayEarning> earningsByDay(Tx tx, long memberId, QualificationWindow window) {
        return tx.sql().list("""
                SELECT (earned_at AT TIME ZONE ?)::date AS day, order_ref, sum(points)
                FROM points_earned WHERE member_id = ? AND earned_at >= ? AND earned_at <= ?
                GROUP BY 1, 2 ORDER BY 1""",
                rs -> new RankOutlook.DayEarning(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3)),
                zone.getId(), memberId, window.from(), window.to());
    }

    /** One member's spend in the window by shop-local day. */
    List<RankOutlook.DaySpend> spendByDay(Tx tx, long memberId, QualificationWindow window) {
        return tx.sql().list("""
                SELECT (submitted_at AT TIME ZONE ?)::date AS day, sum(merchandise_total - returned_total)
                FROM order_summary WHERE member_id = ? AND status <> ? AND currency = ?
                  AND submitted_at >= ? AND submitted_at <= ?
                GROUP BY 1 ORDER BY 1""",
                rs -> new RankOutlook.DaySpend(rs.getObject(1, LocalDate.class), rs.getLong(2)),
                zone.getId(), memberId, OrderStatus.CANCELLED, currency, window.from(), window.to());
    }

    // ---- writing decisions ---------------------------------------------------------------------------------------

    /** A decision about one member, with the figures it was judged on. */
    record MemberDecision(long memberId, MemberRank before, Decision decision, QualifyingFigures figures) {
    }

    /**
     * Writes the state changes of {@code decisions} (one statement) and appends the history of those that change the
     * rank (a second). Each write is conditional on the member's rank being what it was when judged, so a concurrent
     * re-evaluation or an overlapping run is never overwritten with staler figures nor recorded twice: that member
     * is left for the next judgement.
     *
     * @return how many members were changed
     */
    long apply(Tx tx, List<MemberDecision> decisions, RankQueries.HistoryTrigger trigger, QualificationWindow window,
               Instant at) {
        List<MemberDecision> changes = decisions.stream().filter(d -> d.decision().stateChanged()).toList();
        if (changes.isEmpty()) {
            return 0;
        }
        int n = changes.size();
        Long[] members = new Long[n];
        String[] expectedCode = new String[n];
        String[] expectedHeld = new String[n];
        String[] toCode = new String[n];
        String[] held = new String[n];
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            MemberDecision c = changes.get(i);
            members[i] = c.memberId();
            expectedCode[i] = c.before() == null ? null : c.before().rankCode();
            expectedHeld[i] = c.before() == null || c.before().heldUntil() == null ? null : c.before().heldUntil().toString();
            toCode[i] = c.decision().to().code();
            held[i] = c.decision().heldUntil() == null ? null : c.decision().heldUntil().toString();
            lo = Math.min(lo, c.memberId());
            hi = Math.max(hi, c.memberId());
        }
        Sql sql = tx.sql();
        // The id range keeps the update's scan of member_rank to the batch, whatever join the planner picks.
        Set<Long> applied = new HashSet<>(sql.list("""
                WITH changes AS (
                    SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
                        AS c(member_id, expected_code, expected_held, to_code, held)),
                updated AS (
                    UPDATE member_rank r
                    SET rank_code = c.to_code, held_until = c.held::date, updated_at = ?,
                        since = CASE WHEN r.rank_code <> c.to_code THEN ? ELSE r.since END
                    FROM changes c
                    WHERE r.member_id BETWEEN ? AND ? AND r.member_id = c.member_id AND c.expected_code IS NOT NULL
                      AND r.rank_code = c.expected_code AND r.held_until IS NOT DISTINCT FROM c.expected_held::date
                    RETURNING r.member_id),
                inserted AS (
                    INSERT INTO member_rank (member_id, rank_code, since, held_until, updated_at)
                    SELECT c.member_id, c.to_code, ?, c.held::date, ? FROM changes c WHERE c.expected_code IS NULL
                    ON CONFLICT (member_id) DO NOTHING
                    RETURNING member_id),
                levelled AS (
                    -- the customers list sorts by the level on member (its own index): kept here, the one place a
                    -- member's rank is written, and only for members whose level moves
                    UPDATE member m SET rank_level = d.level
                    FROM changes c JOIN rank_definition d ON d.code = c.to_code
                    WHERE m.id BETWEEN ? AND ? AND m.id = c.member_id AND m.rank_level <> d.level
                      AND m.id IN (SELECT member_id FROM updated UNION ALL SELECT member_id FROM inserted))
                SELECT member_id FROM updated UNION ALL SELECT member_id FROM inserted""",
                rs -> rs.getLong(1),
                sql.longArray(members), sql.textArray(expectedCode), sql.textArray(expectedHeld), sql.textArray(toCode),
                sql.textArray(held), at, at, lo, hi, at, at, lo, hi));
        List<MemberDecision> history = changes.stream()
                .filter(c -> c.decision().rankChanged() && applied.contains(c.memberId())).toList();
        if (!history.isEmpty()) {
            int h = history.size();
            Long[] hMembers = new Long[h];
            String[] from = new String[h];
            String[] to = new String[h];
            String[] change = new String[h];
            Long[] points = new Long[h];
            Long[] orders = new Long[h];
            Long[] spend = new Long[h];
            for (int i = 0; i < h; i++) {
                MemberDecision c = history.get(i);
                hMembers[i] = c.memberId();
                from[i] = c.decision().from().code();
                to[i] = c.decision().to().code();
                change[i] = (c.decision().change() == RankPolicy.Change.UPGRADED ? RankQueries.HistoryChange.UPGRADE
                        : RankQueries.HistoryChange.DOWNGRADE).name();
                points[i] = c.figures().points();
                orders[i] = c.figures().orders();
                spend[i] = c.figures().spend();
            }
            sql.update("""
                    INSERT INTO rank_history (member_id, from_code, to_code, change, trigger, changed_at, points, orders,
                                              spend, window_from, window_to)
                    SELECT c.member_id, c.from_code, c.to_code, c.change, ?, ?, c.points, c.orders, c.spend, ?::date, ?::date
                    FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
                        AS c(member_id, from_code, to_code, change, points, orders, spend)""",
                    trigger, at, window.firstDay().toString(), window.lastDay().toString(), sql.longArray(hMembers),
                    sql.textArray(from), sql.textArray(to), sql.textArray(change), sql.longArray(points),
                    sql.longArray(orders), sql.longArray(spend));
            List<DomainEvent> events = new ArrayList<>(h);
            for (int i = 0; i < h; i++) {
                events.add(new DomainEvent(DomainEventType.RANK_CHANGED, hMembers[i], at, Map.of("from", from[i],
                        "to", to[i], "change", change[i], "trigger", trigger.name())));
            }
            DomainEvents.record(ports, tx, events);
        }
        return applied.size();
    }

    // ---- reads for the status, the console and the port ----------------------------------------------------------

    Optional<MemberRank> memberRank(Tx tx, long memberId) {
        return tx.sql().one("SELECT rank_code, since, held_until FROM member_rank WHERE member_id = ?",
                rs -> new MemberRank(rs.getString(1), Sql.instant(rs, "since"), rs.getObject(3, LocalDate.class)),
                memberId);
    }

    /** A history row as stored (codes, not names). */
    record HistoryRow(Instant at, String fromCode, String toCode, RankQueries.HistoryChange change,
                      RankQueries.HistoryTrigger trigger, long points,
                      long orders, long spend, LocalDate windowFrom, LocalDate windowTo) {
    }

    List<HistoryRow> history(Tx tx, long memberId, int limit) {
        return tx.sql().list("""
                SELECT changed_at, from_code, to_code, change, trigger, points, orders, spend, window_from, window_to
                FROM rank_history WHERE member_id = ? ORDER BY id DESC LIMIT ?""",
                rs -> new HistoryRow(Sql.instant(rs, "changed_at"), rs.getString(2), rs.getString(3),
                        RankQueries.HistoryChange.valueOf(rs.getString(4)),
                        RankQueries.HistoryTrigger.valueOf(rs.getString(5)), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class)),
                memberId, limit);
    }

    /** Members holding each rank above the base rank, and all members (erased ones left out). */
    record Counts(Map<String, Long> byRank, long members) {
    }

    Counts counts(Tx tx) {
        Map<String, Long> byRank = new HashMap<>();
        tx.sql().list("""
                SELECT r.rank_code, count(*) FROM member_rank r JOIN member m ON m.id = r.member_id
                WHERE m.erased_at IS NULL GROUP BY r.rank_code""",
                rs -> byRank.put(rs.getString(1), rs.getLong(2)));
        return new Counts(byRank, tx.sql().number("SELECT count(*) FROM member WHERE erased_at IS NULL"));
    }

    /** The benefits of the rank the member holds, perks in the member's language, in one indexed lookup. */
    RankBenefits.Benefits benefits(Tx tx, long memberId) {
        return tx.sql().one("""
                SELECT d.code, d.point_multiplier_percent, d.free_shipping_threshold, d.birthday_bonus_points,
                       CASE WHEN (SELECT locale FROM member WHERE id = ?) = 'en' THEN d.perks_en ELSE d.perks_ja END::text,
                       d.member_discount_percent, d.member_discount_by_category::text
                FROM rank_definition d
                WHERE d.code = coalesce((SELECT rank_code FROM member_rank WHERE member_id = ?),
                                        (SELECT code FROM rank_definition WHERE level = 0))""",
                rs -> new RankBenefits.Benefits(rs.getString(1), rs.getInt(2), nullableLong(rs, 3), rs.getLong(4),
                        texts(rs.getString(5)), discount(rs.getInt(6), rs.getString(7))), memberId, memberId)
                .orElse(RankBenefits.Benefits.NONE);
    }

    // ---- mapping -------------------------------------------------------------------------------------------------

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** A rank's member price from its two columns (the jsonb object of category to percent as text). */
    static MemberDiscount discount(int percent, String byCategoryJson) {
        try {
            Map<String, Integer> byCategory = Json.MAPPER.readValue(byCategoryJson,
                    Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Integer.class));
            return new MemberDiscount(percent, byCategory);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a member discount by category is not a JSON object of percents: "
                    + byCategoryJson, e);
        }
    }

    private static List<String> texts(String jsonArray) {
        try {
            return Arrays.asList(Json.MAPPER.readValue(jsonArray, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("perks are not a JSON array of texts: " + jsonArray, e);
        }
    }
}
