package dev.kizuna.core.persistence;

import org.hibernate.Session;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One open transaction: the Hibernate {@link #session()} for aggregates, {@link #sql()} for set-based
 * statements on the same connection, and hooks that run only once the transaction has committed.
 */
public final class Tx {
    private final Session session;
    private final boolean hosts;
    private Sql sql;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final Map<String, Object> remembered = new HashMap<>();

    Tx(Session session) {
        this(session, false);
    }

    /** {@code hosts}: the transaction is the host's (see {@link Database#joining}), committed by the host. */
    Tx(Session session, boolean hosts) {
        this.session = session;
        this.hosts = hosts;
    }

    /** Whether this is the host's own transaction, joined through {@link Database#joining}. */
    public boolean hostTransaction() {
        return hosts;
    }

    public Session session() {
        return session;
    }

    public Sql sql() {
        if (sql == null) {
            // Flush pending ORM changes first so SQL sees them; the connection is the session's own.
            Connection connection = session.doReturningWork(c -> c);
            sql = new Sql(connection, session);
        }
        return sql;
    }

    /** Runs {@code action} after a successful commit (e.g. replaying events the commit unblocked). */
    public void afterCommit(Runnable action) {
        if (hosts) {
            // Kizuna never sees the host's commit: work that needs a hook after it belongs in Kizuna's own transaction.
            throw new IllegalStateException("no after-commit work inside the host's transaction");
        }
        afterCommit.add(action);
    }

    /**
     * A value this transaction already read (e.g. a member's id by customer ref), so handlers of one event batch
     * don't ask the database again. Only for facts that cannot change while the transaction runs.
     */
    public <T> Optional<T> remembered(String key, Class<T> type) {
        return Optional.ofNullable(remembered.get(key)).map(type::cast);
    }

    public void remember(String key, Object value) {
        remembered.put(key, value);
    }

    /** Drops what was remembered: after a rollback to a savepoint, rows it named may be gone. */
    public void forgetRemembered() {
        remembered.clear();
    }

    void afterCommit() {
        afterCommit.forEach(Runnable::run);
    }
}
