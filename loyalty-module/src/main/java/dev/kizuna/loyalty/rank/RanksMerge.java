package dev.kizuna.loyalty.rank;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CustomerMergeParticipant;

/**
 * Moves a merged member's rank history onto the survivor and gives the survivor the higher of the two ranks (by the
 * ladder's level), with that rank's since and held-until. Higher rather than recalculated at once: the figures a
 * rank is judged on (points earned, orders in the window) have just moved onto the survivor, so the next
 * recalculation judges the person on both accounts' history by the program's own downgrade policy, whereas judging
 * now could drop a rank the shopper held under a "hold to the end of the next period" policy mid-period, only
 * because two accounts became one. The merged member is left at the base rank (no row), so recalculations find
 * nothing to change there.
 */
final class RanksMerge implements CustomerMergeParticipant {

    @Override
    public String name() {
        return "ranks";
    }

    @Override
    public long merge(Tx tx, Merge m) {
        long moved = tx.sql().update("UPDATE rank_history SET member_id = ? WHERE member_id = ?", m.survivorId(),
                m.mergedId());
        // the merged member's rank replaces the survivor's only when its level is higher (a rank without a row is base)
        moved += tx.sql().update("""
                INSERT INTO member_rank (member_id, rank_code, since, held_until, updated_at)
                SELECT ?, g.rank_code, g.since, g.held_until, now() FROM member_rank g
                JOIN rank_definition gd ON gd.code = g.rank_code
                WHERE g.member_id = ?
                  AND gd.level > coalesce((SELECT sd.level FROM member_rank s JOIN rank_definition sd ON sd.code = s.rank_code
                                           WHERE s.member_id = ?), -1)
                ON CONFLICT (member_id) DO UPDATE SET rank_code = EXCLUDED.rank_code, since = EXCLUDED.since,
                       held_until = EXCLUDED.held_until, updated_at = EXCLUDED.updated_at""",
                m.survivorId(), m.mergedId(), m.survivorId());
        moved += tx.sql().update("DELETE FROM member_rank WHERE member_id = ?", m.mergedId());
        return moved;
    }
}
