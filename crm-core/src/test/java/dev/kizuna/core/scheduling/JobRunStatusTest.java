package dev.kizuna.core.scheduling;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.CheckConstraints;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

/** A job run's statuses in Java and the CHECK constraint on {@code job_run.status} are the same list. */
@KizunaTest
class JobRunStatusTest {

    @Test
    void the_enum_names_are_exactly_what_the_column_allows(KizunaRuntime kizuna) {
        CheckConstraints.assertAllowsExactly(kizuna, "job_run", "status", JobRunStatus.values());
    }
}
