package dev.kizuna.messaging.consent;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CustomerMergeParticipant;

/**
 * Settles a merged member's messaging consent onto the survivor by the strictest statement: a channel either
 * account refused (or unsubscribed from) stays refused on the survivor, a channel only the merged account stated
 * takes its statement, and a suppression on either account holds. The messages, held-out decisions and journey
 * entries move where the survivor has none for the same send or occasion, so the frequency cap and the holdout
 * reports count the person once; the rest stay with the merged member as history.
 */
public final class ConsentsMerge implements CustomerMergeParticipant {

    @Override
    public String name() {
        return "messaging";
    }

    @Override
    public long merge(Tx tx, Merge m) {
        long moved = tx.sql().update("""
                UPDATE message_consent s SET granted = false, source = g.source, changed_at = g.changed_at
                FROM message_consent g
                WHERE s.member_id = ? AND g.member_id = ? AND s.channel = g.channel AND s.granted AND NOT g.granted""",
                m.survivorId(), m.mergedId());
        moved += tx.sql().update("""
                INSERT INTO message_consent (member_id, channel, granted, source, changed_at)
                SELECT ?, channel, granted, source, changed_at FROM message_consent WHERE member_id = ?
                ON CONFLICT (member_id, channel) DO NOTHING""", m.survivorId(), m.mergedId());
        tx.sql().update("DELETE FROM message_consent WHERE member_id = ?", m.mergedId());
        moved += tx.sql().update("""
                INSERT INTO message_suppression (member_id, channel, reason, created_at)
                SELECT ?, channel, reason, created_at FROM message_suppression WHERE member_id = ?
                ON CONFLICT (member_id, channel) DO NOTHING""", m.survivorId(), m.mergedId());
        tx.sql().update("DELETE FROM message_suppression WHERE member_id = ?", m.mergedId());
        moved += tx.sql().update("""
                UPDATE journey_entry g SET member_id = ? WHERE g.member_id = ?
                  AND NOT EXISTS (SELECT 1 FROM journey_entry s WHERE s.member_id = ? AND s.journey_id = g.journey_id
                                  AND (s.occasion = g.occasion OR (s.status = 'ACTIVE' AND g.status = 'ACTIVE')))""",
                m.survivorId(), m.mergedId(), m.survivorId());
        moved += tx.sql().update("""
                UPDATE message g SET member_id = ? WHERE g.member_id = ?
                  AND NOT EXISTS (SELECT 1 FROM message s WHERE s.member_id = ? AND s.source = g.source
                                  AND s.campaign_id = g.campaign_id AND s.entry_id = g.entry_id AND s.step = g.step)""",
                m.survivorId(), m.mergedId(), m.survivorId());
        return moved;
    }
}
