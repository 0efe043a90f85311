package dev.kizuna.core.ports;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened to a member, recorded with its change. {@code data} holds ids and figures only (order
 * ids, points, rank codes), never personal data: a receiver that was granted names or e-mails gets them read and
 * opened when the event is sent.
 */
public record DomainEvent(DomainEventType type, long memberId, Instant occurredAt, Map<String, Object> data) {
    public DomainEvent {
        data = Map.copyOf(data);
    }
}
