package dev.kizuna.segment.timeline;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CustomerMergeParticipant;

/**
 * Moves the timeline's own records of a merged member (account changes, returns) onto the survivor, as they were:
 * the survivor's timeline then shows both accounts' histories, each at its time.
 */
final class TimelineRowsMerge implements CustomerMergeParticipant {

    @Override
    public String name() {
        return "timelineRows";
    }

    @Override
    public long merge(Tx tx, Merge m) {
        return tx.sql().update("UPDATE profile_change SET member_id = ? WHERE member_id = ?", m.survivorId(), m.mergedId())
                + tx.sql().update("UPDATE order_return SET member_id = ? WHERE member_id = ?", m.survivorId(), m.mergedId());
    }
}
