package dev.kizuna.core.mirror;

import dev.kizuna.core.intake.SharedOutbox;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.OrderPresence;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.HostOrders;
import dev.kizuna.core.spi.HostPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kizuna's order mirror against the host's own orders ({@link HostOrders}): names every order that differs (missing in
 * Kizuna, missing in the host, another customer, status or total) and republishes the host's events of an order Kizuna
 * is missing or behind on, with the ids the host first used (so what Kizuna already has is a no-op). Also answers
 * {@link OrderPresence} for the hold release.
 */
public final class HostReconciliation implements OrderPresence {
    private static final Logger log = LoggerFactory.getLogger(HostReconciliation.class);

    private final HostPorts ports;

    public HostReconciliation(HostPorts ports) {
        this.ports = ports;
    }

    public boolean available() {
        return ports.orders().isPresent();
    }

    @Override
    public boolean hostHas(Tx tx, String orderRef) {
        String subject = HostEvent.orderSubject(orderRef);
        if (tx.sql().number("SELECT count(*) FROM event_inbox WHERE provides = ?", subject) > 0
                || SharedOutbox.holds(tx, subject)) {
            return true;
        }
        Optional<HostOrders> host = ports.orders();
        if (host.isEmpty()) {
            return false;
        }
        try {
            return host.get().find(orderRef).isPresent();
        } catch (RuntimeException e) {
            log.warn("could not ask the host for order {}; its hold is kept: {}", orderRef, e.toString());
            return true;
        }
    }

    /** What Kizuna's mirror says of an order, in the host's terms. */
    private record Mirrored(String customerId, HostOrders.Status status, long grandTotal, long pointsRedeemed) {
    }

    /**
     * One comparison: how many orders were compared, every difference named, and the host's events of the orders
     * Kizuna is missing or behind on, for the caller to republish once this read is over.
     */
    public record Result(int compared, List<String> differences, List<HostEvent> republish) {
    }

    /**
     * Compares the orders the host placed or changed in {@code [from, to)} and the orders Kizuna has from that window.
     * Differences are named as found, before the republishing that repairs what it can.
     */
    public Result reconcile(Tx tx, Instant from, Instant to) {
        HostOrders host = ports.orders().orElseThrow();
        Map<String, HostOrders.HostOrder> hostOrders = new HashMap<>();
        for (HostOrders.HostOrder o : host.changedBetween(from, to)) {
            hostOrders.put(o.orderId(), o);
        }
        Set<String> kizunaOnly = new LinkedHashSet<>(tx.sql().list("""
                SELECT order_ref FROM order_summary WHERE submitted_at >= ? AND submitted_at < ? ORDER BY submitted_at""",
                rs -> rs.getString(1), from, to));
        kizunaOnly.removeAll(hostOrders.keySet());
        for (String ref : kizunaOnly) {
            host.find(ref).ifPresent(o -> hostOrders.put(ref, o));
        }
        Map<String, Mirrored> mirror = mirrored(tx, hostOrders.keySet());
        List<String> differences = new ArrayList<>();
        List<String> republish = new ArrayList<>();
        for (String ref : kizunaOnly) {
            if (!hostOrders.containsKey(ref)) {
                differences.add("order " + ref + ": in Kizuna, not in the host");
            }
        }
        hostOrders.values().stream().sorted(Comparator.comparing(HostOrders.HostOrder::placedAt)
                .thenComparing(HostOrders.HostOrder::orderId)).forEach(o -> {
            Mirrored m = mirror.get(o.orderId());
            if (m == null) {
                differences.add("order " + o.orderId() + ": in the host (" + o.status() + "), not in Kizuna");
                republish.add(o.orderId());
                return;
            }
            List<String> what = new ArrayList<>();
            if (!m.customerId().equals(o.customerId())) {
                what.add("customer host " + o.customerId() + ", Kizuna " + m.customerId());
            }
            if (m.status() != o.status()) {
                what.add("status host " + o.status() + ", Kizuna " + m.status());
            }
            if (m.grandTotal() != o.grandTotal()) {
                what.add("total host " + o.grandTotal() + ", Kizuna " + m.grandTotal());
            }
            if (m.pointsRedeemed() != o.pointsRedeemed()) {
                what.add("points redeemed host " + o.pointsRedeemed() + ", Kizuna " + m.pointsRedeemed());
            }
            if (!what.isEmpty()) {
                differences.add("order " + o.orderId() + ": " + String.join(", ", what));
                if (m.status() != o.status()) {
                    republish.add(o.orderId());
                }
            }
        });
        List<HostEvent> events = new ArrayList<>();
        republish.forEach(ref -> events.addAll(host.eventsOf(ref)));
        int kizunaOnlyCount = (int) kizunaOnly.stream().filter(ref -> !hostOrders.containsKey(ref)).count();
        return new Result(hostOrders.size() + kizunaOnlyCount, differences, events);
    }

    private static Map<String, Mirrored> mirrored(Tx tx, Set<String> refs) {
        Map<String, Mirrored> out = new HashMap<>();
        if (refs.isEmpty()) {
            return out;
        }
        tx.sql().list("""
                SELECT o.order_ref, m.customer_ref, o.status, o.grand_total, o.points_redeemed
                FROM order_summary o LEFT JOIN member m ON m.id = o.member_id WHERE o.order_ref = ANY(?)""",
                rs -> out.put(rs.getString(1), new Mirrored(String.valueOf(rs.getString(2)), status(rs.getString(3)),
                        rs.getLong(4), rs.getLong(5))),
                tx.sql().textArray(refs.toArray(String[]::new)));
        return out;
    }

    private static HostOrders.Status status(String mirrored) {
        OrderStatus status = OrderStatus.valueOf(mirrored);
        return status == OrderStatus.SUBMITTED ? HostOrders.Status.PLACED : HostOrders.Status.valueOf(status.name());
    }
}
