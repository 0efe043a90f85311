package dev.kizuna.loyalty.referral;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import static dev.kizuna.core.testing.CheckConstraints.assertAllowsExactly;
import static dev.kizuna.core.testing.ConsoleLabels.assertLabelled;

/** The referral states, rules and moments: labelled in both console languages, and what their columns allow. */
@KizunaTest
class ReferralLabelsTest {

    @Test
    void every_state_rule_and_moment_has_a_label_in_ja_and_en() {
        assertLabelled("referrals.state.", ReferralState.values());
        assertLabelled("referrals.rule.", BlockRule.values());
        assertLabelled("referrals.reward-on.", RewardMoment.values());
    }

    @Test
    void every_stored_state_rule_and_moment_is_exactly_what_its_column_allows(KizunaRuntime kizuna) {
        assertAllowsExactly(kizuna, "referral", "state", ReferralState.values());
        assertAllowsExactly(kizuna, "referral", "blocked_rule", BlockRule.values());
        assertAllowsExactly(kizuna, "referral", "reward_on", RewardMoment.values());
        assertAllowsExactly(kizuna, "referral_program", "reward_on", RewardMoment.values());
    }
}
