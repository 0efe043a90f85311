package dev.kizuna.core.ports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A feature's touchpoints of one customer for the timeline. Every feature that records contacts contributes one
 * ({@link ModulePorts#contribute}). A source gives its newest touchpoints before a cursor as one SELECT, which the
 * timeline puts beside those of the other sources in a single statement (one round trip for the whole page,
 * however many features are installed), and reads each of its rows back as a touchpoint.
 */
public interface TouchpointSource {

    /** The kinds this source gives. */
    Set<TouchpointKind> kinds();

    /**
     * A SELECT of at most {@code limit} touchpoints of the member of the given kinds (all of them in {@link #kinds()},
     * never empty), strictly before the cursor ({@code at}, {@code key}) in the order (at DESC, key DESC); the first
     * page's cursor is a time far ahead with the key {@code "\uffff"}. Every column is named; the first two are
     * {@code at} (timestamptz) and {@code key} (text in the "C" collation), the others whatever {@link #touchpoint}
     * reads.
     */
    Query query(long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit);

    /** One row of the {@link #query} as the touchpoint it shows. */
    Touchpoint touchpoint(Row row);

    /** A statement and its parameters, bound by position. */
    record Query(String sql, List<Object> params) {
        public Query {
            params = List.copyOf(params);
        }
    }

    /** This source alone: its newest touchpoints before the cursor, newest first. */
    default List<Touchpoint> before(Tx tx, long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        Query q = query(memberId, kinds, at, key, limit);
        return tx.sql().list("SELECT to_jsonb(s)::text FROM (" + q.sql() + ") s ORDER BY s.at DESC, s.key DESC",
                rs -> touchpoint(Row.of(rs.getString(1))), q.params().toArray());
    }

    /** A row of a source's query, its columns by name (as PostgreSQL's {@code to_jsonb} of the row gives them). */
    final class Row {
        private final JsonNode columns;

        private Row(JsonNode columns) {
            this.columns = columns;
        }

        /** From the JSON object {@code to_jsonb} made of the row. */
        public static Row of(String json) {
            return new Row(Json.read(json, JsonNode.class));
        }

        private JsonNode value(String column) {
            JsonNode v = columns.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no column " + column + " in " + columns.fieldNames().next() + "…");
            }
            return v;
        }

        public boolean isNull(String column) {
            return value(column).isNull();
        }

        /** A text column; null for SQL NULL. */
        public String text(String column) {
            JsonNode v = value(column);
            return v.isNull() ? null : v.asText();
        }

        /** A whole-number column; 0 for SQL NULL. */
        public long number(String column) {
            return value(column).asLong();
        }

        public Instant instant(String column) {
            JsonNode v = value(column);
            return v.isNull() ? null : OffsetDateTime.parse(v.asText()).toInstant();
        }

        public LocalDate date(String column) {
            JsonNode v = value(column);
            return v.isNull() ? null : LocalDate.parse(v.asText());
        }

        /** A text[] column; empty for SQL NULL. */
        public List<String> texts(String column) {
            List<String> out = new ArrayList<>();
            value(column).forEach(e -> out.add(e.asText()));
            return out;
        }
    }
}
