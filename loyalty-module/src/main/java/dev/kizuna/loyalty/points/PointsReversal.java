package dev.kizuna.loyalty.points;

import dev.kizuna.core.mirror.MirroredOrder;
import dev.kizuna.core.mirror.ReturnShare;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.loyalty.points.EarningRecords.EarningOrder;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Taking back what an order earned: all of it on a cancel, the returned lines' share (and the order bonus once every
 * line is back) on a return; from pending points, or from available ones with any shortfall as debt. Points the
 * order redeemed are released or refunded in the same transaction.
 */
final class PointsReversal {
    private final PointLedger ledger;
    private final Redemptions redemptions;
    private final Clock clock;

    PointsReversal(PointLedger ledger, Redemptions redemptions, Clock clock) {
        this.ledger = ledger;
        this.redemptions = redemptions;
        this.clock = clock;
    }

    void cancelled(OrderCancelled e, Tx tx) {
        Optional<Long> member = EarningRecords.memberOf(tx, e.orderId());
        if (member.isPresent()) {
            PointLedger.Account a = ledger.lock(tx, member.get());
            EarningOrder o = EarningRecords.order(tx, e.orderId()).orElseThrow();
            long remaining = o.remaining();
            Instant now = clock.instant();
            if (remaining > 0 && o.status() == EarningStatus.PENDING) {
                ledger.append(tx, a.memberId(), PointLedger.Entry.of(LedgerKind.CANCEL, -remaining, "ORDER", e.orderId(), e.orderId())
                        .deltas(0, -remaining, 0, 0), 0, now, false);
            } else if (remaining > 0 && o.status() == EarningStatus.CONFIRMED) {
                ledger.debit(tx, a, remaining, PointLedger.Entry.of(LedgerKind.CANCEL, -remaining, "ORDER", e.orderId(), e.orderId())
                        .earned(-remaining, o.confirmedAt()), now);
            }
            tx.sql().update("UPDATE points_order SET status = ?, reversed = earned WHERE id = ?", EarningStatus.CANCELLED,
                    o.id());
        }
        redemptions.release(tx, e.orderId(), "CANCEL");
    }

    void returned(OrderReturned e, Tx tx) {
        Optional<Long> member = EarningRecords.memberOf(tx, e.orderId());
        if (member.isEmpty()) {
            return;
        }
        MirroredOrder mirrored = MirroredOrder.find(tx, e.orderId()).orElseThrow();
        PointLedger.Account a = ledger.lock(tx, member.get());
        EarningOrder o = EarningRecords.order(tx, e.orderId()).orElseThrow();
        Map<String, Integer> now = new HashMap<>();
        for (OrderReturned.ReturnedLine l : e.lines()) {
            now.merge(l.sku(), l.quantity(), Integer::sum);
        }
        long points = 0;
        long redeemed = 0;
        boolean allBack = true;
        for (MirroredOrder.Line line : mirrored.lines()) {
            int i = line.lineNo() - 1;
            int returning = now.getOrDefault(line.sku(), 0);
            // The mirror has already counted this return: what was back before is its figure less this return.
            int before = line.returnedQuantity() - returning;
            if (returning > 0 && i < o.linePoints().length) {
                points += ReturnShare.of(o.linePoints()[i], line.quantity(), before, returning);
                redeemed += ReturnShare.of(o.lineRedeemed()[i], line.quantity(), before, returning);
            }
            allBack &= line.returnedQuantity() >= line.quantity();
        }
        if (allBack) {
            points += o.orderBonus();
        }
        points = Math.min(points, o.remaining());
        Instant at = clock.instant();
        if (points > 0 && o.status() != EarningStatus.CANCELLED) {
            PointLedger.Entry entry = PointLedger.Entry.of(LedgerKind.RETURN, -points, "ORDER", e.orderId(), e.orderId())
                    .idem("return:" + e.eventId());
            Optional<Long> done = o.status() == EarningStatus.PENDING
                    ? ledger.append(tx, a.memberId(), entry.deltas(0, -points, 0, 0), 0, at, false)
                    : ledger.debit(tx, a, points, entry.earned(-points, o.confirmedAt()), at);
            if (done.isPresent()) {
                tx.sql().update("UPDATE points_order SET reversed = reversed + ? WHERE id = ?", points, o.id());
            }
        }
        redemptions.refund(tx, e.orderId(), redeemed, "refund:" + e.eventId());
    }
}
