package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Members' ranks as messages and audiences need them. The ranks feature provides it.
 *
 * <p>{@code pointsToNext} is what the member still has to earn in the current window for the rank above (null at the
 * top or when the rank above asks no points); {@code pointsToKeep} what is missing to hold the current rank at the next
 * recalculation (0 when it is already safe).
 */
public interface RankFacts {

    record MemberRankFacts(String code, LocalizedText name, LocalizedText nextName, Long pointsToNext,
                           long pointsToKeep) {
    }

    /** A move up the ladder, by its history id. */
    record Upgrade(long id, long memberId, String toCode, Instant at) {
    }

    /** Members whose rank is {@code code} or above it. */
    SqlCondition rankAtLeast(String code);

    Map<Long, MemberRankFacts> ranks(Tx tx, Collection<Long> memberIds);

    /** Upgrades since {@code since}, oldest first. */
    List<Upgrade> upgradesSince(Tx tx, Instant since);

    /**
     * Members above the base rank whose figures so far would not keep their rank at the next recalculation (the rank
     * keep reminder: あと 120 ポイントで来期もゴールド).
     */
    SqlCondition atRisk(Instant now);
}
