package dev.kizuna.loyalty.points;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * An order's earning record ({@code points_order}): what it earned per line at submission, what was reversed since,
 * and where it stands ({@link EarningStatus}). Read by reversals and confirmation under the account lock.
 */
final class EarningRecords {

    /** An order's earning record, read under the account lock. */
    record EarningOrder(long id, String orderRef, long memberId, long[] linePoints, long[] lineRedeemed, long orderBonus,
                        long earned, long reversed, EarningStatus status, Instant confirmedAt) {
        long remaining() {
            return earned - reversed;
        }
    }

    private static final String ORDER_SELECT = """
            SELECT id, order_ref, member_id, line_points, line_redeemed, order_bonus, earned, reversed, status, confirmed_at
            FROM points_order""";

    private EarningRecords() {
    }

    /** The member an order earned for, if it earned (was submitted in the shop currency). */
    static Optional<Long> memberOf(Tx tx, String orderRef) {
        return tx.sql().one("SELECT member_id FROM points_order WHERE order_ref = ?", rs -> rs.getLong(1), orderRef);
    }

    static Optional<Long> memberOf(Tx tx, long orderId) {
        return tx.sql().one("SELECT member_id FROM points_order WHERE id = ?", rs -> rs.getLong(1), orderId);
    }

    /** The order's earning record, locked; call with the member's account locked. */
    static Optional<EarningOrder> order(Tx tx, String orderRef) {
        return tx.sql().one(ORDER_SELECT + " WHERE order_ref = ? FOR UPDATE", EarningRecords::earningOrder, orderRef);
    }

    /** The order's earning record, locked; call with the member's account locked. */
    static Optional<EarningOrder> order(Tx tx, long orderId) {
        return tx.sql().one(ORDER_SELECT + " WHERE id = ? FOR UPDATE", EarningRecords::earningOrder, orderId);
    }

    private static EarningOrder earningOrder(ResultSet rs) throws SQLException {
        return new EarningOrder(rs.getLong(1), rs.getString(2), rs.getLong(3), longs(rs.getArray(4)), longs(rs.getArray(5)),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), EarningStatus.valueOf(rs.getString(9)),
                Sql.instant(rs, "confirmed_at"));
    }

    private static long[] longs(Array a) throws SQLException {
        Object[] values = (Object[]) a.getArray();
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).longValue();
        }
        return out;
    }
}
