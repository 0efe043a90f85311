package dev.kizuna.core.persistence;

import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plain SQL on the transaction's connection: the one way Kizuna's stores run set-based statements.
 * Parameters bind by position; {@link Instant} binds as timestamptz.
 */
public final class Sql {
    private final Connection connection;
    private final Session session;

    Sql(Connection connection, Session session) {
        this.connection = connection;
        this.session = session;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public Connection connection() {
        return connection;
    }

    public int update(String sql, Object... params) {
        flushOrm();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        flushOrm();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size() + ": " + sql);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** A single number (count, sum); null and no row read as 0. */
    public long number(String sql, Object... params) {
        return one(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /**
     * {@code n} fresh values of {@code table}'s {@code id} identity, in order, in one round trip: a batch gives its
     * rows ids before it writes them (links and sealed fields name the row). The sequence is looked up once, not
     * per value: {@code pg_get_serial_sequence} reads the catalog each time it runs, which cost a million-mail
     * broadcast ten times as much as the values themselves.
     */
    public List<Long> nextIds(String table, int n) {
        return list("""
                WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(?, 'id')::regclass AS seq)
                SELECT nextval(s.seq) FROM s, generate_series(1, ?)""", rs -> rs.getLong(1), table, n);
    }

    /** One fresh value of {@code table}'s {@code id} identity. */
    public long nextId(String table) {
        return nextIds(table, 1).get(0);
    }

    /** A {@code text[]} parameter, for set-based statements over {@code unnest(?::text[])}. */
    public java.sql.Array textArray(String[] values) {
        try {
            return connection.createArrayOf("text", values);
        } catch (SQLException e) {
            throw new SqlFailure("createArrayOf(text)", e);
        }
    }

    /** A {@code bigint[]} parameter. */
    public java.sql.Array longArray(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return longArray(boxed);
    }

    /** A {@code bigint[]} parameter. */
    public java.sql.Array longArray(Long[] values) {
        try {
            return connection.createArrayOf("bigint", values);
        } catch (SQLException e) {
            throw new SqlFailure("createArrayOf(bigint)", e);
        }
    }

    /**
     * Runs {@code sql} once per parameter row as one JDBC batch. The driver rewrites batched inserts into
     * multi-row statements, so per-row counts may read {@link java.sql.Statement#SUCCESS_NO_INFO}: when a caller
     * needs to know which rows went in, use one statement over arrays with RETURNING instead.
     */
    public int[] batch(String sql, List<Object[]> rows) {
        flushOrm();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    /**
     * Writes pending entity changes before a statement that might read them. Only a session that holds entities
     * (or queued entity actions) can have any, and stores leave none behind after a read, so on the hot paths
     * (the ledger, the inbox, the mirror, the jobs) this is two field reads and no flush.
     */
    /** A {@code COPY … FROM STDIN} under way on the connection: its input, then its end or cancellation. */
    record CopyStream(org.postgresql.copy.PGCopyOutputStream out) {
        long end() throws SQLException {
            return out.endCopy();
        }

        void cancel() {
            try {
                if (out.isActive()) {
                    out.cancelCopy();
                }
            } catch (SQLException e) {
                // the statement failed already; its own error is the one reported
            }
        }
    }

    /** Starts a {@code COPY … FROM STDIN} (see {@link CopyRows}), its input buffered 64 KiB at a time. */
    CopyStream copyStream(String copy) {
        flushOrm();
        try {
            return new CopyStream(new org.postgresql.copy.PGCopyOutputStream(
                    connection.unwrap(org.postgresql.PGConnection.class), copy, 1 << 16));
        } catch (SQLException e) {
            throw new SqlFailure(copy, e);
        }
    }

    private void flushOrm() {
        SessionImplementor s = (SessionImplementor) session;
        if (s.getPersistenceContextInternal().getNumberOfManagedEntities() > 0
                || s.getActionQueue().hasAnyQueuedActions()) {
            session.flush();
        }
    }

    static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (p instanceof Instant instant) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /**
     * {@code 'A', 'B'}: enum constants as SQL string literals, for set-based statements that compare a text column
     * with constants ({@code status IN (…)}); the names are Java identifiers, so nothing needs escaping.
     */
    public static String literals(Enum<?>... values) {
        return Arrays.stream(values).map(v -> "'" + v.name() + "'").collect(Collectors.joining(", "));
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** A SQL statement failed; carries the statement and keeps the SQLState reachable through the cause. */
    public static final class SqlFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SqlFailure(String sql, SQLException cause) {
            super(cause.getMessage() + " [" + sql.strip().replaceAll("\\s+", " ") + "]", cause);
        }

        public String sqlState() {
            return ((SQLException) getCause()).getSQLState();
        }
    }
}
