package dev.kizuna.loyalty.rank;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import static dev.kizuna.core.testing.CheckConstraints.assertAllowsExactly;

/** The downgrade policies and the CHECK constraint of the column that stores them list the same names. */
@KizunaTest
class RankStatusesTest {

    @Test
    void every_downgrade_policy_is_exactly_what_its_column_allows(KizunaRuntime kizuna) {
        assertAllowsExactly(kizuna, "rank_program", "downgrade_policy", DowngradePolicy.values());
    }
}
