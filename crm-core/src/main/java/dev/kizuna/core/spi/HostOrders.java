package dev.kizuna.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Optional, implemented by a host that cannot share a transaction with Kizuna (and useful to any): what the host's
 * own orders say, so Kizuna can find orders whose events never arrived, republish them, and never give back the
 * points of an order the host has. Returned by {@link HostPorts#orders()}.
 */
public interface HostOrders {

    enum Status { PLACED, DELIVERED, CANCELLED, PARTIALLY_RETURNED, RETURNED }

    /** The host's view of one order; totals in minor units as in {@link OrderSubmitted}. */
    record HostOrder(String orderId, String customerId, Status status, long grandTotal, long pointsRedeemed,
                     Instant placedAt) {
    }

    /** The orders placed or changed in {@code [from, to)}, in any order. */
    List<HostOrder> changedBetween(Instant from, Instant to);

    Optional<HostOrder> find(String orderId);

    /**
     * The events that bring Kizuna to the host's state of this order, with the event ids the host first used (so a
     * republished event Kizuna already has is a no-op): at least its {@link OrderSubmitted}.
     */
    List<HostEvent> eventsOf(String orderId);
}
