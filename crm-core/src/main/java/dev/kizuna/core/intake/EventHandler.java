package dev.kizuna.core.intake;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.HostEvent;

/**
 * Reacts to one kind of host event inside the transaction that marks the event handled, so its effects and the
 * idempotency record commit together. Throw {@link #park} style exceptions only through {@link ParkEvent}.
 */
@FunctionalInterface
public interface EventHandler<E extends HostEvent> {
    void handle(E event, Tx tx) throws Exception;
}
