package dev.kizuna.segment.duplicates;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CustomerMergeParticipant;

/**
 * Moves a merged member's segment history onto the survivor (its RFM segment movements stay part of the person's
 * story) and drops its RFM and LTV scores: those are figures of the orders, which now all count for the survivor,
 * and the next {@code rfm-scoring} and {@code ltv-fit} runs score the survivor on both accounts' orders. Behavioural
 * segments are read live from the behaviour events, which the kernel has moved already.
 */
final class SegmentMembershipsMerge implements CustomerMergeParticipant {

    @Override
    public String name() {
        return "segments";
    }

    @Override
    public long merge(Tx tx, Merge m) {
        long moved = tx.sql().update("UPDATE rfm_segment_history SET member_id = ? WHERE member_id = ?", m.survivorId(),
                m.mergedId());
        moved += tx.sql().update("DELETE FROM rfm_score WHERE member_id = ?", m.mergedId());
        moved += tx.sql().update("DELETE FROM ltv_score WHERE member_id = ?", m.mergedId());
        return moved;
    }
}
