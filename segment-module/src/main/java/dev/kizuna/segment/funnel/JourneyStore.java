package dev.kizuna.segment.funnel;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.SqlCondition;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The members' journeys read from the host mirror in one statement, and the stored definition of a regular.
 * Orders count as RFM counts them: the mirror's orders of members that were not cancelled (a returned order was
 * still placed), as the mirror keeps them on each member (first order, its channel, the order times).
 */
final class JourneyStore {
    private static final int FETCH = 10_000;

    RegularDefinition regular(Tx tx) {
        return tx.sql().one("SELECT rfm_segments, rank_at_least FROM journey_regular WHERE id = 1",
                rs -> new RegularDefinition(List.of((String[]) rs.getArray(1).getArray()), rs.getString(2)))
                .orElse(new RegularDefinition(List.of(), null));
    }

    void saveRegular(Tx tx, RegularDefinition d, String actor, Instant now) {
        tx.sql().update("""
                INSERT INTO journey_regular (id, rfm_segments, rank_at_least, updated_at, updated_by) VALUES (1, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET rfm_segments = excluded.rfm_segments,
                    rank_at_least = excluded.rank_at_least, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""",
                tx.sql().textArray(d.rfmSegments().toArray(String[]::new)), d.rankAtLeast(), Timestamp.from(now), actor);
    }

    /**
     * Streams the journeys of the members registered in [{@code registeredFrom}, {@code registeredTo}) (both null:
     * every member, the unregistered included).
     * {@code rank} is the rank condition of the definition (null when it has none or there are no ranks);
     * {@code withCategory} looks up the main category of each first order (the line with the largest amount).
     */
    void journeys(Tx tx, RegularDefinition regular, SqlCondition rank, Instant registeredFrom, Instant registeredTo,
                  boolean withCategory, Consumer<MemberJourney> sink) {
        List<Object> args = new ArrayList<>();
        StringBuilder regularSql = new StringBuilder("(m.id IN (SELECT member_id FROM rfm_score WHERE segment_key = ANY(?))");
        args.add(tx.sql().textArray(regular.rfmSegments().toArray(String[]::new)));
        if (rank != null) {
            regularSql.append(" OR (").append(rank.sql()).append(')');
            args.addAll(rank.args());
        }
        regularSql.append(')');
        String category = withCategory ? "m.first_order_category" : "NULL::text";
        String where = registeredFrom != null ? "WHERE m.registered_at >= ? AND m.registered_at < ?" : "";
        // one row per member, no sort: the mirror keeps each member's first order, its channel and category, and the
        // order times (MemberStanding)
        String sql = """
                SELECT extract(epoch FROM m.registered_at)::bigint, m.order_times, m.first_order_channel, %s, %s
                FROM member m %s""".formatted(category, regularSql, where);
        if (registeredFrom != null) {
            args.add(Timestamp.from(registeredFrom));
            args.add(Timestamp.from(registeredTo));
        }
        stream(tx, sql, args, rs -> {
            long registered = rs.getLong(1);
            if (rs.wasNull()) {
                registered = MemberJourney.NEVER;
            }
            sink.accept(new MemberJourney(registered, times(rs.getArray(2)), rs.getString(3), rs.getString(4),
                    rs.getBoolean(5)));
        });
    }

    /**
     * Streams the times of every customer's orders not cancelled, oldest first, one customer at a time: the first
     * three and every one within 400 days of the first, which is all that cohorts of twelve months look at.
     */
    void orderTimes(Tx tx, Consumer<long[]> sink) {
        stream(tx, "SELECT order_times FROM member WHERE order_times IS NOT NULL", List.of(),
                rs -> sink.accept(times(rs.getArray(1))));
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void stream(Tx tx, String sql, List<Object> args, Row row) {
        try {
            // the set of regulars (members of the chosen RFM segments) is hashed in memory, not looked up per member
            tx.sql().update("SET LOCAL work_mem = '128MB'");
            try (PreparedStatement ps = tx.sql().connection().prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("journeys: " + e.getMessage(), e);
        }
    }

    private static final long[] NONE = new long[0];

    private static long[] times(Array array) throws SQLException {
        if (array == null) {
            return NONE;
        }
        Object values = array.getArray();
        if (values instanceof long[] primitive) {
            return primitive;
        }
        Long[] boxed = (Long[]) values;
        long[] out = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }
}
