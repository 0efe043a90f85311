package dev.kizuna.loyalty.referral;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.scheduling.KeysetBatchJob;

import java.time.Instant;
import java.util.List;

/**
 * {@code referral-rewards}: gives the held rewards of referrals whose qualifying order is delivered and past the
 * return window, in keyset batches (each batch commits with its checkpoint). Hourly by default
 * ({@code kizuna.jobs.referral-rewards.schedule}).
 */
final class ReferralRewardJob extends KeysetBatchJob {
    static final String NAME = "referral-rewards";

    private final Referrals referrals;
    private final ReferralStore store;

    ReferralRewardJob(Referrals referrals, ReferralStore store) {
        this.referrals = referrals;
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Gives the referral rewards held until the referred shopper's order is delivered and past the return window";
    }

    @Override
    public String defaultSchedule() {
        return "0 10 * * * ?";
    }

    @Override
    protected int batchSize() {
        return 500;
    }

    @Override
    protected long total(Tx tx, Instant asOf) {
        return store.dueCount(tx, asOf);
    }

    @Override
    protected List<Long> nextKeys(Tx tx, long after, int limit, Instant asOf) {
        return store.due(tx, after, limit, asOf);
    }

    @Override
    protected long process(Tx tx, List<Long> keys, Instant asOf) {
        long rewarded = 0;
        for (long id : keys) {
            if (referrals.reward(tx, id, asOf)) {
                rewarded++;
            }
        }
        return rewarded;
    }

    @Override
    protected String outcome(long visited, long changed) {
        return "rewarded " + changed + " of " + visited + " due referrals";
    }
}
