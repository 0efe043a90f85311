package dev.kizuna.loyalty.referral;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CustomerMergeParticipant;

/**
 * Moves a merged member's referrals onto the survivor: the friends it referred, its device, address and payment
 * hashes (so the self-referral rules see them on the survivor), and its referral code when the survivor has none.
 * A member is referred once: the merged member's own referral moves only when the survivor was not referred itself.
 */
final class ReferralsMerge implements CustomerMergeParticipant {

    @Override
    public String name() {
        return "referrals";
    }

    @Override
    public long merge(Tx tx, Merge m) {
        long moved = tx.sql().update("UPDATE referral SET referrer_id = ? WHERE referrer_id = ?", m.survivorId(), m.mergedId());
        moved += tx.sql().update("""
                UPDATE referral SET referred_id = ? WHERE referred_id = ?
                  AND NOT EXISTS (SELECT 1 FROM referral WHERE referred_id = ?)""",
                m.survivorId(), m.mergedId(), m.survivorId());
        moved += tx.sql().update("""
                INSERT INTO referral_signal (member_id, kind, hash)
                SELECT ?, kind, hash FROM referral_signal WHERE member_id = ? ON CONFLICT DO NOTHING""",
                m.survivorId(), m.mergedId());
        tx.sql().update("DELETE FROM referral_signal WHERE member_id = ?", m.mergedId());
        moved += tx.sql().update("""
                UPDATE referral_code SET member_id = ? WHERE member_id = ?
                  AND NOT EXISTS (SELECT 1 FROM referral_code WHERE member_id = ?)""",
                m.survivorId(), m.mergedId(), m.survivorId());
        return moved;
    }
}
