package dev.kizuna.core.intake;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.HostEvent;

import java.util.List;

/**
 * Reacts to several new events of one kind at once, in the transaction that marks them handled, with the same
 * effects as handling them one by one in list order (set-based SQL instead of statements per event). A single event
 * arrives as a list of one. Throwing rolls the whole batch back; the intake then takes its events one at a time,
 * so a failure or {@link ParkEvent} is isolated to the event that caused it.
 */
@FunctionalInterface
public interface EventBatchHandler<E extends HostEvent> {
    void handleAll(List<E> events, Tx tx) throws Exception;
}
