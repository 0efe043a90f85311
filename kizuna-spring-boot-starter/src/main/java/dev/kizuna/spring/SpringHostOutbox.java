package dev.kizuna.spring;

import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.HostOutbox;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The host outbox for a {@code @Transactional} service: events are appended, and the checkout ports run, on the
 * connection of the Spring transaction in progress ({@link DataSourceUtils#getConnection}; with JPA, the
 * {@code JpaTransactionManager} exposes the session's connection the same way), so they commit or roll back with the
 * host's own writes. After the commit the events are delivered at once, so the host's next request reads their
 * effects; the relay would deliver them within a second anyway.
 */
public final class SpringHostOutbox {
    private final HostOutbox outbox;
    private final DataSource dataSource;

    public SpringHostOutbox(HostOutbox outbox, DataSource dataSource) {
        this.outbox = outbox;
        this.dataSource = dataSource;
    }

    /** Appends events in the current transaction; an invalid one throws {@code InvalidEventException}: roll back. */
    public void append(List<? extends HostEvent> events) {
        outbox.append(connection(), events);
        List<? extends HostEvent> appended = List.copyOf(events);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                outbox.deliverNow(appended);
            }
        });
    }

    /** Runs checkout calls (reserve, commit, release) in the current transaction; a refusal propagates. */
    public <T> T inTransaction(Supplier<T> work) {
        return outbox.inHostTransaction(connection(), work);
    }

    public void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private Connection connection() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the host outbox needs the host's transaction: call it from a @Transactional method");
        }
        return DataSourceUtils.getConnection(dataSource);
    }
}
