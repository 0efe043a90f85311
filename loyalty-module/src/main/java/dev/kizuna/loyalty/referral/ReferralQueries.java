package dev.kizuna.loyalty.referral;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the console and the shopper's views read of the referral program, and the program's settings. */
public interface ReferralQueries {

    /** One referral: who referred whom, where it stands, and the rule that blocked it, if one did. */
    record ReferralView(long id, String referrer, String referred, ReferralState state, BlockRule blockedRule,
                        RewardMoment rewardOn, String orderRef, Instant registeredAt, Instant rewardedAt,
                        long referrerPoints, long referredPoints) {
    }

    /** A member's referrals: shoppers referred, rewarded and still open, and the points they brought so far. */
    record Tally(long referred, long rewarded, long open, long pointsSoFar) {
    }

    /** The shopper's code, the link to share, and what referring has brought them. */
    record MyReferral(String code, String link, long referred, long rewarded, long open, long pointsSoFar,
                      ReferralProgram program) {
    }

    List<ReferralView> newest(int limit);

    ReferralProgram program();

    ReferralProgram updateProgram(ReferralProgram program, String actor);

    /** The shopper's referral, giving the member a code on first asking; empty for an unknown customer. */
    Optional<MyReferral> mine(String customerRef);
}
