package dev.kizuna.admin.console;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.CheckConstraints;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.core.web.Role;
import org.junit.jupiter.api.Test;

/** The console roles in Java and the CHECK constraint on {@code console_session.role} are the same list. */
@KizunaTest
class ConsoleSessionRoleTest {

    @Test
    void the_enum_names_are_exactly_what_the_column_allows(KizunaRuntime kizuna) {
        CheckConstraints.assertAllowsExactly(kizuna, "console_session", "role", Role.values());
    }
}
