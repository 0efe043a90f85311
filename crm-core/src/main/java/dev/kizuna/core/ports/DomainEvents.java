package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

import java.util.List;

/**
 * Where features record their {@link DomainEvent}s, on the transaction of the change (points ledger, rank change,
 * coupon issue and redemption, answers, segment moves, registration): the event commits or rolls back with it. A
 * consumer module (webhooks) provides it; without one nothing is recorded.
 */
public interface DomainEvents {

    void record(Tx tx, List<DomainEvent> events);

    /** Records through the installed provider, if any. */
    static void record(ModulePorts ports, Tx tx, List<DomainEvent> events) {
        if (!events.isEmpty()) {
            ports.find(DomainEvents.class).ifPresent(d -> d.record(tx, events));
        }
    }

    static void record(ModulePorts ports, Tx tx, DomainEvent event) {
        record(ports, tx, List.of(event));
    }
}
