package dev.kizuna.core.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * An event the host shop publishes to Kizuna. Delivery is at-least-once and may be out of order:
 * {@link #eventId()} is the idempotency key, {@link #requires()} names the subject that must be known
 * before the event can be applied (a cancel needs its order), {@link #provides()} the subject it creates.
 */
public sealed interface HostEvent
        permits CustomerRegistered, CustomerUpdated, CustomerDeleted, CustomerMerged,
                OrderSubmitted, OrderDelivered, OrderCancelled, OrderReturned,
                ProductViewed, CartItemAdded, CartAbandoned, SearchPerformed {

    String eventId();

    Instant occurredAt();

    default Optional<String> provides() {
        return Optional.empty();
    }

    default Optional<String> requires() {
        return Optional.empty();
    }

    static String orderSubject(String orderId) {
        return "order:" + orderId;
    }

    static String customerSubject(String customerId) {
        return "customer:" + customerId;
    }
}
