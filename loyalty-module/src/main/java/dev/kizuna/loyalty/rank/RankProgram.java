package dev.kizuna.loyalty.rank;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The merchant's rank ladder: the ranks from the base rank upwards, the qualification window and the downgrade
 * policy. Immutable; {@link RankProgramRules} says what a valid one looks like.
 */
public record RankProgram(int windowMonths, DowngradePolicy downgradePolicy, List<RankDefinition> ranks) {

    public RankProgram {
        ranks = ranks.stream().sorted(Comparator.comparingInt(RankDefinition::level)).toList();
        if (ranks.isEmpty() || !ranks.get(0).isBase()) {
            throw new IllegalArgumentException("a rank program needs a base rank at level 0");
        }
    }

    public RankDefinition base() {
        return ranks.get(0);
    }

    public Optional<RankDefinition> find(String code) {
        return ranks.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    /** The rank {@code code}, or the base rank when there is no such rank (any longer). */
    public RankDefinition rankOrBase(String code) {
        return code == null ? base() : find(code).orElse(base());
    }

    /** The highest rank whose thresholds the figures meet; the base rank when none. */
    public RankDefinition qualifyingRank(QualifyingFigures figures) {
        for (int i = ranks.size() - 1; i > 0; i--) {
            if (ranks.get(i).qualifies(figures)) {
                return ranks.get(i);
            }
        }
        return base();
    }

    /** The rank right above {@code rank}, if any. */
    public Optional<RankDefinition> next(RankDefinition rank) {
        return ranks.stream().filter(r -> r.level() > rank.level()).findFirst();
    }

    /** The rank right below {@code rank}, if any. */
    public Optional<RankDefinition> previous(RankDefinition rank) {
        Optional<RankDefinition> below = Optional.empty();
        for (RankDefinition r : ranks) {
            if (r.level() < rank.level()) {
                below = Optional.of(r);
            }
        }
        return below;
    }

    /** Whether some rank judges spend (so the figures must include it). */
    public boolean usesSpend() {
        return ranks.stream().anyMatch(r -> r.thresholds().minSpend() != null);
    }
}
