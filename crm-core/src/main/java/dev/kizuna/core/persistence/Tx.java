package dev.kizuna.core.persistence;

import org.hibernate.Session;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * One open transaction: the Hibernate {@link #session()} for aggregates, {@link #sql()} for set-based
 * statements on the same connection, and hooks that run only once the transaction has committed.
 */
public final class Tx {
    private final Session session;
    private Sql sql;
    private final List<Runnable> afterCommit = new ArrayList<>();

    Tx(Session session) {
        this.session = session;
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
        afterCommit.add(action);
    }

    void afterCommit() {
        afterCommit.forEach(Runnable::run);
    }
}
