package dev.kizuna.core.archfixture;

/** The kernel depending on a feature. */
public class CoreReadingRanks {
    public Class<?> ranks() {
        return dev.kizuna.loyalty.rank.RankQueries.class;
    }
}
