package dev.kizuna.survey.archfixture;

/** One feature using another's service instead of a port. */
public class ResultsByRank {
    public Class<?> ranks() {
        return dev.kizuna.loyalty.rank.RankQueries.class;
    }

    /** …and another feature's store. */
    public Object ledger() {
        return new dev.kizuna.loyalty.points.archfixture.LedgerStore();
    }
}
