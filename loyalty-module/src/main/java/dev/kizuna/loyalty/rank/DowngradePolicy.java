package dev.kizuna.loyalty.rank;

/**
 * What happens when a member no longer qualifies for the rank they hold: dropped at the recalculation
 * ({@link #IMMEDIATELY}), held to the end of the next period, dropped one rank at a time, or never. Downgrades are
 * only ever decided by the
 * {@code rank-recalculation} job; the re-evaluation after a confirmed order only upgrades.
 */
public enum DowngradePolicy {
    /** The member drops to the rank they qualify for at the first recalculation that finds them short. */
    IMMEDIATELY,
    /**
     * The member keeps the rank until the end of the period after the one in which they stopped qualifying. The
     * period is the recalculation period, the calendar month in the shop's time zone, and "stopped qualifying in
     * period P" means a recalculation whose judgement day falls in P found them short. A recalculation judged on
     * 1 March that finds a Gold member short keeps them Gold through 30 April; the first recalculation judged after
     * 30 April that still finds them short moves them to the rank they qualify for then. Qualifying again for the
     * held rank (or a higher one) in the meantime ends the hold.
     */
    KEEP_UNTIL_END_OF_NEXT_PERIOD,
    /**
     * Each recalculation that finds the member short moves them down one rank (never below the rank they qualify
     * for), so a Diamond who stopped buying is Platinum next month, Gold the month after.
     */
    ONE_RANK_AT_A_TIME,
    /** A rank once reached is never taken away; only upgrades happen. */
    NEVER
}
