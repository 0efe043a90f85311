package dev.kizuna.loyalty.rank;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The rank a member holds.
 *
 * @param rankCode   the rank
 * @param since      when they reached it
 * @param heldUntil  under {@link DowngradePolicy#KEEP_UNTIL_END_OF_NEXT_PERIOD}, the last shop-local day the rank is
 *                   kept although the member stopped qualifying; null while they qualify
 */
public record MemberRank(String rankCode, Instant since, LocalDate heldUntil) {
}
