package dev.kizuna.loyalty.points;

import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CustomerMergeParticipant;

import java.util.List;

/**
 * Moves a merged member's points onto the survivor exactly. Entries, lots, orders and holds move as they are (the
 * ledger's history is kept, nothing is re-summed; reasons and notes are sealed again for the survivor, whose id
 * their ciphertext is bound to), and the survivor's balances become the two accounts' sums. The one thing that
 * cannot simply add up is debt on one side and available points on the other (an account never holds both): the
 * debt is paid from the available points, oldest lots first, as any later credit would pay it, by one zero-figure
 * {@code ADJUST} entry from source {@code MERGE}, so {@code balance == sum(entries)} and {@code available == sum(lots)}
 * hold for both accounts afterwards, and the liability is unchanged.
 */
final class PointsMerge implements CustomerMergeParticipant {
    static final String SOURCE = "MERGE";

    private final PointLedger ledger;
    private final FieldCipher cipher;

    PointsMerge(PointLedger ledger, FieldCipher cipher) {
        this.ledger = ledger;
        this.cipher = cipher;
    }

    @Override
    public String name() {
        return "points";
    }

    @Override
    public long merge(Tx tx, Merge m) {
        if (ledger.find(tx, m.mergedId()).isEmpty()) {
            return 0;
        }
        // accounts locked in member id order, as every other movement of two accounts would
        PointLedger.Account survivor;
        PointLedger.Account merged;
        if (m.survivorId() < m.mergedId()) {
            survivor = ledger.lock(tx, m.survivorId());
            merged = ledger.lock(tx, m.mergedId());
        } else {
            merged = ledger.lock(tx, m.mergedId());
            survivor = ledger.lock(tx, m.survivorId());
        }
        rebindSealed(tx, m);
        long moved = tx.sql().update("UPDATE points_entry SET member_id = ? WHERE member_id = ?", m.survivorId(), m.mergedId());
        moved += tx.sql().update("UPDATE points_lot SET member_id = ? WHERE member_id = ?", m.survivorId(), m.mergedId());
        moved += tx.sql().update("UPDATE points_order SET member_id = ? WHERE member_id = ?", m.survivorId(), m.mergedId());
        moved += tx.sql().update("UPDATE points_reservation SET member_id = ? WHERE member_id = ?",
                m.survivorId(), m.mergedId());
        MergedBalances sum = MergedBalances.of(survivor, merged);
        long settled = sum.settled();
        tx.sql().update("""
                UPDATE points_account SET available = 0, pending = 0, reserved = 0, debt = 0, updated_at = now()
                WHERE member_id = ?""", m.mergedId());
        tx.sql().update("""
                UPDATE points_account s SET available = ?, pending = ?, reserved = ?, debt = ?,
                       last_earned_at = CASE WHEN s.last_earned_at IS NULL THEN g.last_earned_at
                                             WHEN g.last_earned_at IS NULL THEN s.last_earned_at
                                             ELSE greatest(s.last_earned_at, g.last_earned_at) END,
                       updated_at = now()
                FROM points_account g WHERE s.member_id = ? AND g.member_id = ?""",
                sum.available(), sum.pending(), sum.reserved(), sum.debt(), m.survivorId(), m.mergedId());
        if (settled > 0) {
            tx.sql().update("""
                    INSERT INTO points_entry (member_id, kind, points, d_available, d_debt, source, source_ref, idem_key, created_at)
                    VALUES (?, ?, 0, ?, ?, ?, ?, ?, now())""",
                    m.survivorId(), LedgerKind.ADJUST.name(), -settled, -settled, SOURCE, m.mergedRef(),
                    "merge:" + m.mergedId());
            ledger.spendLots(tx, m.survivorId(), settled);
            moved++;
        }
        return moved;
    }

    /** Reasons and notes are bound to the member: opened under the merged member's id, sealed under the survivor's. */
    private void rebindSealed(Tx tx, Merge m) {
        List<Object[]> rows = tx.sql().list("""
                SELECT id, reason, note FROM points_entry
                WHERE member_id = ? AND (reason IS NOT NULL OR note IS NOT NULL) ORDER BY id""",
                rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3)}, m.mergedId());
        for (Object[] r : rows) {
            String reason = r[1] == null ? null : cipher.encrypt(cipher.open((String) r[1],
                    PointLedger.reasonContext(m.mergedId())), PointLedger.reasonContext(m.survivorId()));
            String note = r[2] == null ? null : cipher.encrypt(cipher.open((String) r[2],
                    PointLedger.noteContext(m.mergedId())), PointLedger.noteContext(m.survivorId()));
            tx.sql().update("UPDATE points_entry SET reason = ?, note = ? WHERE id = ?", reason, note, r[0]);
        }
    }
}
