package dev.kizuna.segment.duplicates;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.mirror.CustomerMerges;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import static dev.kizuna.core.testing.CheckConstraints.assertAllowsExactly;

/** A pair's stored status and a merge's source and the CHECK constraints of their columns list the same names. */
@KizunaTest
class PairStatusTest {

    @Test
    void every_stored_status_is_exactly_what_its_column_allows(KizunaRuntime kizuna) {
        assertAllowsExactly(kizuna, "duplicate_pair", "status", PairStatus.values());
        assertAllowsExactly(kizuna, "member_merge", "source", CustomerMerges.Source.values());
    }
}
