package dev.kizuna.segment.timeline;

import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.OrderReturned;

/**
 * Keeps {@code order_return}: each return the mirror applied (a refused one never gets here), by member and time, so
 * the timeline reads returns by an index range like every other kind. A redelivered event adds nothing (its id is
 * the key).
 */
final class OrderReturns {

    void subscribe(EventBus bus) {
        bus.on(OrderReturned.class, "timeline.order-returns", EventBus.FEATURE, this::record);
    }

    private void record(OrderReturned e, Tx tx) {
        long units = e.lines().stream().mapToLong(OrderReturned.ReturnedLine::quantity).sum();
        tx.sql().update("""
                INSERT INTO order_return (event_id, member_id, order_id, returned_at, units)
                SELECT ?, member_id, id, ?, ? FROM order_summary WHERE order_ref = ? AND member_id IS NOT NULL
                ON CONFLICT (event_id) DO NOTHING""", e.eventId(), e.occurredAt(), units, e.orderId());
    }
}
