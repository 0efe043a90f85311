package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CustomerMergeParticipant;

/**
 * Moves a merged member's coupons onto the survivor: personal codes (used or not), redemptions (by member and by
 * customer id, so a campaign's per-customer limit counts the person's uses on both accounts from now on) and the
 * versions last quoted. A birthday slot moves unless the survivor has one for the same year (the code itself moves
 * in any case, so nothing the shopper holds is lost).
 */
final class CouponsMerge implements CustomerMergeParticipant {

    @Override
    public String name() {
        return "coupons";
    }

    @Override
    public long merge(Tx tx, Merge m) {
        long moved = tx.sql().update("UPDATE coupon_code SET member_id = ? WHERE member_id = ?", m.survivorId(), m.mergedId());
        moved += tx.sql().update("""
                UPDATE coupon_redemption SET member_id = ?, customer_ref = ?
                WHERE member_id = ? OR customer_ref = ?""", m.survivorId(), m.survivorRef(), m.mergedId(), m.mergedRef());
        tx.sql().update("""
                DELETE FROM coupon_quote g WHERE g.customer_ref = ?
                  AND EXISTS (SELECT 1 FROM coupon_quote s WHERE s.customer_ref = ? AND s.code = g.code)""",
                m.mergedRef(), m.survivorRef());
        moved += tx.sql().update("UPDATE coupon_quote SET customer_ref = ? WHERE customer_ref = ?", m.survivorRef(),
                m.mergedRef());
        moved += tx.sql().update("""
                UPDATE birthday_coupon g SET member_id = ? WHERE g.member_id = ?
                  AND NOT EXISTS (SELECT 1 FROM birthday_coupon s WHERE s.member_id = ? AND s.birthday_year = g.birthday_year)""",
                m.survivorId(), m.mergedId(), m.survivorId());
        return moved;
    }
}
