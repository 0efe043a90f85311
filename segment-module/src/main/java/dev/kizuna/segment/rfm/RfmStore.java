package dev.kizuna.segment.rfm;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.DomainEvent;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.core.ports.DomainEvents;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.SqlCondition;
import dev.kizuna.segment.Purchases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFM in SQL: the segment map, the scoring run's staging (figures and quintiles of every member in one statement),
 * the per-batch merge into {@code rfm_score} with the segment history, and the reads behind the API and console.
 */
public final class RfmStore {
    /** Sorts of a million rows stay in memory instead of spilling to disk; set per scoring transaction only. */
    private static final String SCORING_WORK_MEM = "64MB";

    private static final String CELL_JOIN =
            "JOIN rfm_segment g ON s.r BETWEEN g.r_min AND g.r_max AND s.fm BETWEEN g.fm_min AND g.fm_max";

    private final String currency;
    private final ModulePorts ports;

    /** @param currency the shop currency: the money of orders in other currencies is not added up */
    public RfmStore(String currency) {
        this(currency, new ModulePorts());
    }

    /** @param ports where segment moves are recorded as domain events, when a consumer (webhooks) is installed */
    public RfmStore(String currency, ModulePorts ports) {
        this.currency = currency;
        this.ports = ports;
    }

    // --- the segment map ---

    /** The persistence classes of the segment map, for the segment module's {@code entityClasses()}. */
    public static List<Class<?>> entities() {
        return List.of(RfmSegmentEntity.class);
    }

    public RfmSegmentMap map(Tx tx) {
        List<RfmSegmentEntity> rows = segments(tx);
        RfmSegmentMap map = RfmSegmentMap.of(rows.stream().map(RfmSegmentEntity::toDefinition).toList());
        // Nothing stays in the session: the scoring and segment SQL that reads the map next has nothing to flush.
        rows.forEach(tx.session()::detach);
        return map;
    }

    private static List<RfmSegmentEntity> segments(Tx tx) {
        return tx.session().createSelectionQuery("from RfmSegmentEntity order by position, key", RfmSegmentEntity.class)
                .getResultList();
    }

    /**
     * Replaces the map and moves every scored member to the segment their current scores fall in under it (without
     * history: the customers did nothing, the merchant redrew the lines; the audit log has that). Returns how many
     * members changed segment.
     */
    public long replaceMap(Tx tx, RfmSegmentMap map, Instant now) {
        Map<String, RfmSegmentEntity> stored = new LinkedHashMap<>();
        segments(tx).forEach(e -> stored.put(e.key, e));
        int position = 1;
        for (RfmSegmentDefinition d : map.segments()) {
            RfmSegmentEntity e = stored.remove(d.key());
            if (e == null) {
                e = new RfmSegmentEntity();
                e.set(d, position++);
                tx.session().persist(e);
            } else {
                e.set(d, position++);
            }
        }
        stored.values().forEach(tx.session()::remove);
        // The reassignment below joins the new map: written first.
        tx.session().flush();
        return tx.sql().update("""
                UPDATE rfm_score s SET segment_key = g.key, segment_since = ?
                FROM rfm_segment g
                WHERE s.r BETWEEN g.r_min AND g.r_max AND s.fm BETWEEN g.fm_min AND g.fm_max AND s.segment_key <> g.key""",
                now);
    }

    // --- scoring ---

    /** The run whose figures are staged, if any. */
    public Optional<Long> stagedRun(Tx tx) {
        return tx.sql().one("SELECT run_id FROM rfm_staging_run", rs -> rs.getLong(1));
    }

    /**
     * Computes every member's figures over the window and their quintile scores in one statement. Scores come from
     * {@code ntile(5)} over the members with a purchase in the window (recency ordered so the most recent get 5);
     * members with equal figures then share the lowest score any of them drew, so a tie is never split across
     * quintiles by the order the database happened to read it in. Returns the members staged.
     */
    public long stage(Tx tx, long runId, RfmWindow window) {
        tx.sql().update("SET LOCAL work_mem = '" + SCORING_WORK_MEM + "'");
        tx.sql().update("TRUNCATE rfm_staging, rfm_staging_run");
        long staged = tx.sql().update("""
                INSERT INTO rfm_staging (member_id, last_order_at, recency_days, frequency, monetary, r, f, m, fm)
                SELECT member_id, last_order_at, recency_days, frequency, monetary, r, f, m, (f + m + 1) / 2
                FROM (
                    SELECT t.*,
                           min(r0) OVER (PARTITION BY recency_days) AS r,
                           min(f0) OVER (PARTITION BY frequency) AS f,
                           min(m0) OVER (PARTITION BY monetary) AS m
                    FROM (
                        SELECT p.*,
                               ntile(5) OVER (ORDER BY recency_days DESC, member_id) AS r0,
                               ntile(5) OVER (ORDER BY frequency, member_id) AS f0,
                               ntile(5) OVER (ORDER BY monetary, member_id) AS m0
                        FROM (
                            SELECT o.member_id, max(o.submitted_at) AS last_order_at,
                                   ?::date - (max(o.submitted_at) AT TIME ZONE ?)::date AS recency_days,
                                   count(*) AS frequency,
                                   coalesce(sum(%s) FILTER (WHERE o.currency = ?), 0) AS monetary
                            FROM order_summary o
                            JOIN member mb ON mb.id = o.member_id AND mb.erased_at IS NULL
                            WHERE o.submitted_at >= ? AND o.submitted_at <= ? AND %s
                            GROUP BY o.member_id
                        ) p
                    ) t
                ) s""".formatted(Purchases.netAmount("o"), Purchases.condition("o")),
                window.asOfDate(), window.zone().getId(), currency, window.start(), window.asOf());
        tx.sql().update("INSERT INTO rfm_staging_run (run_id, as_of, members) VALUES (?, ?, ?)",
                runId, window.asOf(), staged);
        return staged;
    }

    /** How many members the merge will visit: the staged ones and those scored before who are no longer. */
    public long mergeTotal(Tx tx) {
        return tx.sql().number("""
                SELECT (SELECT count(*) FROM rfm_staging)
                     + (SELECT count(*) FROM rfm_score sc WHERE NOT EXISTS (SELECT 1 FROM rfm_staging s WHERE s.member_id = sc.member_id))""");
    }

    /** The next batch of the merge: how many member ids follow {@code after} (at most {@code limit}) and the last. */
    public record KeyRange(long count, long last) {
    }

    public Optional<KeyRange> nextRange(Tx tx, long after, int limit) {
        return tx.sql().one("""
                SELECT count(*), max(member_id) FROM (
                    SELECT member_id FROM (
                        (SELECT member_id FROM rfm_staging WHERE member_id > ? ORDER BY member_id LIMIT ?)
                        UNION
                        (SELECT member_id FROM rfm_score WHERE member_id > ? ORDER BY member_id LIMIT ?)
                    ) u ORDER BY member_id LIMIT ?
                ) k""", rs -> rs.getLong(1) == 0 ? null : new KeyRange(rs.getLong(1), rs.getLong(2)),
                after, limit, after, limit, limit);
    }

    /**
     * Merges the staged members with ids in ({@code after}, {@code last}] into {@code rfm_score}: records a history
     * row for every member whose segment changes (entering, moving, leaving), writes the new figures, and removes
     * members without a purchase in the window any more. Returns how many changed segment.
     */
    public long merge(Tx tx, long after, long last, Instant asOf, long runId) {
        List<Object[]> moves = tx.sql().list("""
                INSERT INTO rfm_segment_history (member_id, from_segment, to_segment, moved_at, run_id)
                SELECT coalesce(st.member_id, sc.member_id), sc.segment_key, st.segment_key, ?, ?
                FROM (SELECT s.member_id, g.key AS segment_key FROM rfm_staging s %s
                      WHERE s.member_id > ? AND s.member_id <= ?) st
                FULL JOIN (SELECT member_id, segment_key FROM rfm_score WHERE member_id > ? AND member_id <= ?) sc
                       ON sc.member_id = st.member_id
                WHERE st.segment_key IS DISTINCT FROM sc.segment_key
                RETURNING member_id, from_segment, to_segment""".formatted(CELL_JOIN),
                rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3)},
                asOf, runId, after, last, after, last);
        long moved = moves.size();
        List<DomainEvent> events = new ArrayList<>();
        for (Object[] m : moves) {
            if (m[1] != null) {
                events.add(new DomainEvent(DomainEventType.SEGMENT_LEFT, (Long) m[0], asOf,
                        Map.of("segment", "rfm:" + m[1], "to", m[2] == null ? "" : "rfm:" + m[2])));
            }
            if (m[2] != null) {
                events.add(new DomainEvent(DomainEventType.SEGMENT_ENTERED, (Long) m[0], asOf,
                        Map.of("segment", "rfm:" + m[2], "from", m[1] == null ? "" : "rfm:" + m[1])));
            }
        }
        DomainEvents.record(ports, tx, events);
        tx.sql().update("""
                INSERT INTO rfm_score (member_id, last_order_at, recency_days, frequency, monetary, r, f, m, fm,
                                       segment_key, segment_since, scored_at)
                SELECT s.member_id, s.last_order_at, s.recency_days, s.frequency, s.monetary, s.r, s.f, s.m, s.fm,
                       g.key, ?, ?
                FROM rfm_staging s %s
                WHERE s.member_id > ? AND s.member_id <= ?
                ON CONFLICT (member_id) DO UPDATE SET
                    last_order_at = EXCLUDED.last_order_at, recency_days = EXCLUDED.recency_days,
                    frequency = EXCLUDED.frequency, monetary = EXCLUDED.monetary,
                    r = EXCLUDED.r, f = EXCLUDED.f, m = EXCLUDED.m, fm = EXCLUDED.fm,
                    segment_since = CASE WHEN rfm_score.segment_key = EXCLUDED.segment_key
                                         THEN rfm_score.segment_since ELSE EXCLUDED.segment_since END,
                    segment_key = EXCLUDED.segment_key, scored_at = EXCLUDED.scored_at""".formatted(CELL_JOIN),
                asOf, asOf, after, last);
        tx.sql().update("""
                DELETE FROM rfm_score sc WHERE sc.member_id > ? AND sc.member_id <= ?
                  AND NOT EXISTS (SELECT 1 FROM rfm_staging s WHERE s.member_id = sc.member_id)""", after, last);
        return moved;
    }

    public void clearStaging(Tx tx) {
        tx.sql().update("TRUNCATE rfm_staging, rfm_staging_run");
    }

    /** What a run changed, counted from the history it wrote (so a resumed run reports its earlier batches too). */
    public record RunTally(long entered, long moved, long left) {
    }

    public RunTally tally(Tx tx, long runId) {
        return tx.sql().one("""
                SELECT count(*) FILTER (WHERE from_segment IS NULL), count(*) FILTER (WHERE from_segment IS NOT NULL
                       AND to_segment IS NOT NULL), count(*) FILTER (WHERE to_segment IS NULL)
                FROM rfm_segment_history WHERE run_id = ?""",
                rs -> new RunTally(rs.getLong(1), rs.getLong(2), rs.getLong(3)), runId).orElseThrow();
    }

    // --- reads ---

    /** A member's current RFM figures and scores. */
    public record MemberScore(long memberId, Instant lastOrderAt, int recencyDays, int frequency, long monetary,
                              int r, int f, int m, int fm, String segmentKey, Instant segmentSince, Instant scoredAt) {
    }

    private static final String SCORE_COLUMNS = """
            member_id, last_order_at, recency_days, frequency, monetary, r, f, m, fm, segment_key, segment_since, scored_at""";

    private static MemberScore score(ResultSet rs) throws SQLException {
        return new MemberScore(rs.getLong(1), Sql.instant(rs, "last_order_at"), rs.getInt(3), rs.getInt(4),
                rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getString(10),
                Sql.instant(rs, "segment_since"), Sql.instant(rs, "scored_at"));
    }

    public Optional<MemberScore> score(Tx tx, long memberId) {
        return tx.sql().one("SELECT " + SCORE_COLUMNS + " FROM rfm_score WHERE member_id = ?", RfmStore::score, memberId);
    }

    public Map<Long, MemberScore> scores(Tx tx, Long[] memberIds) {
        Map<Long, MemberScore> out = new LinkedHashMap<>();
        for (MemberScore s : tx.sql().list("SELECT " + SCORE_COLUMNS + " FROM rfm_score WHERE member_id = ANY(?)",
                RfmStore::score, tx.sql().longArray(memberIds))) {
            out.put(s.memberId(), s);
        }
        return out;
    }

    /** Members of the segment, as a condition on the member alias {@code m} (audiences). */
    public SqlCondition condition(String segmentKey) {
        return SqlCondition.of("EXISTS (SELECT 1 FROM rfm_score s WHERE s.member_id = m.id AND s.segment_key = ?)",
                segmentKey);
    }

    public boolean inSegment(Tx tx, long memberId, String segmentKey) {
        return tx.sql().number("SELECT count(*) FROM rfm_score WHERE member_id = ? AND segment_key = ?",
                memberId, segmentKey) > 0;
    }

    /** Members per segment key (segments with nobody are absent). */
    public Map<String, Long> sizes(Tx tx) {
        Map<String, Long> out = new LinkedHashMap<>();
        tx.sql().list("SELECT segment_key, count(*) FROM rfm_score GROUP BY segment_key",
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    public long size(Tx tx, String segmentKey) {
        return tx.sql().number("SELECT count(*) FROM rfm_score WHERE segment_key = ?", segmentKey);
    }

    /** Member ids of a segment after {@code after}, ascending, skipping {@code offset} (keyset or page). */
    public List<Long> memberIds(Tx tx, String segmentKey, long after, int offset, int limit) {
        return tx.sql().list("""
                SELECT member_id FROM rfm_score WHERE segment_key = ? AND member_id > ? ORDER BY member_id
                LIMIT ? OFFSET ?""", rs -> rs.getLong(1), segmentKey, after, limit, offset);
    }

    /** One cell of a score grid: members with recency score {@code r} and column score {@code column}. */
    public record Cell(int r, int column, long members) {
    }

    /** Members per R × FM cell and per R × F cell. */
    public record Grid(List<Cell> byFm, List<Cell> byF, long scored) {
    }

    public Grid grid(Tx tx) {
        List<Cell> byFm = new ArrayList<>();
        List<Cell> byF = new ArrayList<>();
        long[] total = {0};
        tx.sql().list("""
                SELECT r, fm, f, count(*), GROUPING(fm) FROM rfm_score GROUP BY GROUPING SETS ((r, fm), (r, f))
                ORDER BY r DESC, fm, f""", rs -> {
            if (rs.getInt(5) == 0) {
                byFm.add(new Cell(rs.getInt(1), rs.getInt(2), rs.getLong(4)));
                total[0] += rs.getLong(4);
            } else {
                byF.add(new Cell(rs.getInt(1), rs.getInt(3), rs.getLong(4)));
            }
            return null;
        });
        return new Grid(byFm, byF, total[0]);
    }

    /** One recorded change of segment. */
    public record Movement(long id, long memberId, String from, String to, Instant movedAt) {
    }

    /**
     * Movements since {@code since}, newest first, filtered by origin and destination segment when given (a null
     * filter matches any; {@link #NONE} matches members entering or leaving the scored population).
     */
    public List<Movement> movements(Tx tx, String from, String to, Instant since, int limit, int offset) {
        return tx.sql().list("""
                SELECT id, member_id, from_segment, to_segment, moved_at FROM rfm_segment_history
                WHERE moved_at >= ? AND %s AND %s
                ORDER BY moved_at DESC, id DESC LIMIT ? OFFSET ?""".formatted(filter("from_segment", from),
                        filter("to_segment", to)),
                rs -> new Movement(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        Sql.instant(rs, "moved_at")), params(since, from, to, limit, offset));
    }

    public long countMovements(Tx tx, String from, String to, Instant since) {
        return tx.sql().number("SELECT count(*) FROM rfm_segment_history WHERE moved_at >= ? AND %s AND %s"
                .formatted(filter("from_segment", from), filter("to_segment", to)), params(since, from, to));
    }

    /** Movements since {@code since} counted per (from, to) pair, largest first. */
    public record MovementCount(String from, String to, long members) {
    }

    public List<MovementCount> movementCounts(Tx tx, Instant since) {
        return tx.sql().list("""
                SELECT from_segment, to_segment, count(*) FROM rfm_segment_history WHERE moved_at >= ?
                GROUP BY from_segment, to_segment ORDER BY count(*) DESC, from_segment NULLS FIRST, to_segment NULLS FIRST""",
                rs -> new MovementCount(rs.getString(1), rs.getString(2), rs.getLong(3)), since);
    }

    /** A member's own history, newest first. */
    public List<Movement> history(Tx tx, long memberId, int limit) {
        return tx.sql().list("""
                SELECT id, member_id, from_segment, to_segment, moved_at FROM rfm_segment_history
                WHERE member_id = ? ORDER BY moved_at DESC, id DESC LIMIT ?""",
                rs -> new Movement(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        Sql.instant(rs, "moved_at")), memberId, limit);
    }

    /** The filter value for "not in any segment": entering the scored population, or leaving it. */
    public static final String NONE = "none";

    private static String filter(String column, String value) {
        if (value == null) {
            return "TRUE";
        }
        return value.equals(NONE) ? column + " IS NULL" : column + " = ?";
    }

    private static Object[] params(Instant since, String from, String to, Object... tail) {
        List<Object> p = new ArrayList<>();
        p.add(since);
        if (from != null && !from.equals(NONE)) {
            p.add(from);
        }
        if (to != null && !to.equals(NONE)) {
            p.add(to);
        }
        p.addAll(List.of(tail));
        return p.toArray();
    }
}
