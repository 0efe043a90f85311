package dev.kizuna.core.spi;

import java.sql.Connection;
import java.util.List;
import java.util.function.Supplier;

/**
 * For a host that shares Kizuna's PostgreSQL database: its events and its checkout reservations inside its own
 * transaction, so they exist exactly when the host's commit does. Nothing is published outside a commit and nothing
 * committed is lost: a relay hands the appended events to Kizuna's inbox after the commit (at once, nudged by the
 * commit, and again after a crash), each exactly once.
 */
public interface HostOutbox {

    /**
     * Appends {@code events} in the host's open transaction on {@code connection} (auto-commit off). Every event is
     * validated first: an invalid one throws {@link InvalidEventException} naming the field, nothing is appended and
     * the host's transaction should roll back. The stored events are sealed (AES-GCM): no personal data in clear.
     */
    void append(Connection connection, List<? extends HostEvent> events);

    /**
     * After the host's commit, applies these appended events at once, so the host's next request reads their effects;
     * returns when they are applied (by this call or by a relay that had taken them). Optional: the relay delivers
     * them anyway. Call it only after the commit; before it, the events are not visible and nothing happens.
     */
    void deliverNow(List<? extends HostEvent> events);

    /**
     * Runs {@code work} (calls to {@link PointsCheckout} and {@link CouponCheckout}) in the host's open transaction on
     * {@code connection}: a reservation or commit made there is undone by the host's rollback and kept by its commit.
     */
    <T> T inHostTransaction(Connection connection, Supplier<T> work);

    /** {@link #inHostTransaction(Connection, Supplier)} for work that returns nothing. */
    default void inHostTransaction(Connection connection, Runnable work) {
        inHostTransaction(connection, () -> {
            work.run();
            return null;
        });
    }
}
