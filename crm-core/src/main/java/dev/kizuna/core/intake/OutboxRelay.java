package dev.kizuna.core.intake;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The background relay of the host outbox on this node: it listens on {@link SharedOutbox#CHANNEL} on a connection
 * of its own, drains the outbox whenever a host commit notifies it, and at least every second (a notification is
 * lost while the connection is down, and rows another node's relay gave up when it crashed have no notification).
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int IDLE_MILLIS = 1_000;

    private final SharedOutbox outbox;
    private final ListeningConnection connections;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection listening;

    /** Opens the connection the relay listens on (auto-commit on, so LISTEN takes effect at once). */
    @FunctionalInterface
    public interface ListeningConnection {
        Connection open() throws SQLException;
    }

    public OutboxRelay(SharedOutbox outbox, String jdbcUrl, String user, String password) {
        this(outbox, () -> DriverManager.getConnection(jdbcUrl, user, password));
    }

    public OutboxRelay(SharedOutbox outbox, ListeningConnection connections) {
        this.outbox = outbox;
        this.connections = connections;
        this.thread = new Thread(this::run, "kizuna-outbox-relay");
        this.thread.setDaemon(true);
    }

    public OutboxRelay start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try (Connection c = connections.open();
                 Statement st = c.createStatement()) {
                listening = c;
                st.execute("LISTEN " + SharedOutbox.CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    outbox.drain();
                    pg.getNotifications(IDLE_MILLIS);
                }
            } catch (SQLException | RuntimeException e) {
                if (running && jvmStopping()) {
                    // the database went with the process (an embedded server's own shutdown hook stops it while
                    // the host's hook is still closing Kizuna): nothing was lost, nothing to retry or report
                    running = false;
                } else if (running) {
                    log.warn("host outbox relay: {}; trying again", e.toString());
                    pause();
                }
            }
        }
    }

    /** Whether the JVM is running its shutdown hooks (it refuses a new one then). */
    private static boolean jvmStopping() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException stopping) {
            return true;
        }
    }

    private void pause() {
        try {
            Thread.sleep(IDLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = listening;
        if (c != null) {
            try {
                c.close(); // ends a wait for notifications at once
            } catch (SQLException e) {
                // closing anyway
            }
        }
        try {
            thread.join(IDLE_MILLIS * 3L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
