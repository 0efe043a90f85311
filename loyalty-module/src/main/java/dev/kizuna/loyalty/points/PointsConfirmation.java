package dev.kizuna.loyalty.points;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.RankReevaluation;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.loyalty.points.EarningRecords.EarningOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pending order points becoming available: an order is due once delivered plus the return window, and the
 * {@code points-confirmation} job confirms each due order (debt first), re-evaluating the member's rank at once.
 */
final class PointsConfirmation {
    private final PointLedger ledger;
    private final ModulePorts ports;
    private final PointsSettings settings;

    PointsConfirmation(PointLedger ledger, ModulePorts ports, PointsSettings settings) {
        this.ledger = ledger;
        this.ports = ports;
        this.settings = settings;
    }

    /**
     * The delivery starts the return window; a later delivery event keeps the first due date. Deliveries of a
     * batch in one statement (a store import hands over thousands of receipts at once).
     */
    void delivered(List<OrderDelivered> events, Tx tx) {
        Map<String, String> dueAt = new LinkedHashMap<>();
        Duration window = Duration.ofDays(settings.returnWindowDays());
        for (OrderDelivered e : events) {
            dueAt.putIfAbsent(e.orderId(), e.occurredAt().plus(window).toString());
        }
        tx.sql().update("""
                UPDATE points_order p SET due_at = coalesce(p.due_at, t.due::timestamptz)
                FROM unnest(?::text[], ?::text[]) AS t(ref, due) WHERE p.order_ref = t.ref AND p.status = ?""",
                tx.sql().textArray(dueAt.keySet().toArray(String[]::new)),
                tx.sql().textArray(dueAt.values().toArray(String[]::new)), EarningStatus.PENDING);
    }

    /**
     * Makes a due order's remaining points available (debt first); returns the points confirmed, or -1 when the
     * order was no longer pending. Re-evaluates the member's rank at once when ranks are installed.
     */
    long confirm(Tx tx, long orderId, Instant asOf) {
        Optional<Long> member = EarningRecords.memberOf(tx, orderId);
        if (member.isEmpty()) {
            return -1;
        }
        PointLedger.Account a = ledger.lock(tx, member.get());
        Optional<EarningOrder> found = EarningRecords.order(tx, orderId);
        if (found.isEmpty() || found.get().status() != EarningStatus.PENDING) {
            return -1;
        }
        EarningOrder o = found.get();
        long points = o.remaining();
        if (points > 0) {
            ledger.credit(tx, a, points, PointLedger.Entry.of(LedgerKind.CONFIRM, points, "ORDER", o.orderRef(), o.orderRef())
                    .deltas(0, -points, 0, 0).earned(points, asOf), asOf, false);
        }
        tx.sql().update("UPDATE points_order SET status = ?, confirmed_at = ? WHERE id = ?", EarningStatus.CONFIRMED,
                asOf, o.id());
        if (points > 0) {
            ports.find(RankReevaluation.class).ifPresent(r -> r.reevaluate(tx, o.memberId(), asOf));
        }
        return points;
    }
}
