package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What a member must still do to keep their rank at the next recalculation (ランクキープ): the figures the rank asks
 * for less what will still count in the window then, for the shopper's views and the messaging feature's rank-keep
 * step. The ranks feature provides it; without it nobody has a rank to keep.
 */
public interface RankKeeping {

    /**
     * @param judgementDay the shop-local day of the next recalculation
     * @param points       points still to earn (null: the rank does not ask for points), likewise orders and spend
     *                     (minor units)
     */
    record Keep(String rankCode, LocalDate judgementDay, Long points, Long orders, Long spend) {
        /** Whether the member keeps the rank without doing anything more. */
        public boolean kept() {
            return (points == null || points == 0) && (orders == null || orders == 0) && (spend == null || spend == 0);
        }
    }

    /** Empty for a member on the base rank, or when the ladder never takes a rank away. */
    Optional<Keep> keepOf(Tx tx, long memberId);
}
