package dev.kizuna.core.mirror;

import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An order as Kizuna mirrors it; amounts in minor units of {@code currency}. */
public record MirroredOrder(long id, String orderRef, long memberId, String customerRef, String currency,
                            OrderStatus status, long merchandiseTotal, long shippingTotal, long pointsRedeemed,
                            long grandTotal, String couponCode, Instant submittedAt, Instant deliveredAt,
                            List<Line> lines) {

    public record Line(int lineNo, String sku, String category, int quantity, long unitPrice, long discount,
                       int returnedQuantity) {
        public long netAmount() {
            return unitPrice * quantity - discount;
        }
    }

    public Optional<Line> line(String sku) {
        return lines.stream().filter(l -> l.sku().equals(sku)).findFirst();
    }

    public static Optional<MirroredOrder> find(Tx tx, String orderRef) {
        return tx.sql().one("""
                SELECT o.id, o.order_ref, o.member_id, m.customer_ref, o.currency, o.status, o.merchandise_total,
                       o.shipping_total, o.points_redeemed, o.grand_total, o.coupon_code, o.submitted_at, o.delivered_at
                FROM order_summary o JOIN member m ON m.id = o.member_id WHERE o.order_ref = ?""",
                rs -> new MirroredOrder(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5).trim(), OrderStatus.valueOf(rs.getString(6)), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                        rs.getLong(10), rs.getString(11), rs.getTimestamp(12).toInstant(),
                        rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toInstant(), List.of()), orderRef)
                .map(o -> o.withLines(tx.sql().list("""
                        SELECT line_no, sku, category, quantity, unit_price, discount, returned_quantity
                        FROM order_line WHERE order_id = ? ORDER BY line_no""",
                        rs -> new Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                                rs.getLong(6), rs.getInt(7)), o.id())));
    }

    private MirroredOrder withLines(List<Line> l) {
        return new MirroredOrder(id, orderRef, memberId, customerRef, currency, status, merchandiseTotal,
                shippingTotal, pointsRedeemed, grandTotal, couponCode, submittedAt, deliveredAt, List.copyOf(l));
    }
}
