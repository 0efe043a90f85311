package dev.kizuna.core.spi;

import java.util.List;

/**
 * What the host calls after its own transaction commits. A handler failure never reaches the caller:
 * the event stays in the inbox for retry. Only an invalid event is refused, with
 * {@link InvalidEventException} naming the field, and then nothing is written. An event Kizuna finds impossible (a
 * return of more units than the order has left) is kept as {@code REJECTED} with its reason and never retried.
 * A host sharing Kizuna's database appends its events in its own transaction instead ({@link HostOutbox}).
 */
public interface EventPublisher {

    enum Outcome { APPLIED, DUPLICATE, PARKED, FAILED, REJECTED }

    Outcome publish(HostEvent event);

    /** Publishes several events in one round trip; each is applied or fails on its own. */
    List<Outcome> publishAll(List<? extends HostEvent> events);
}
