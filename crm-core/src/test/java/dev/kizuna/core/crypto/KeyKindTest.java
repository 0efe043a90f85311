package dev.kizuna.core.crypto;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.CheckConstraints;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

/** The kinds of key in Java and the CHECK constraint on {@code key_check.kind} are the same list. */
@KizunaTest
class KeyKindTest {

    @Test
    void the_enum_names_are_exactly_what_the_column_allows(KizunaRuntime kizuna) {
        CheckConstraints.assertAllowsExactly(kizuna, "key_check", "kind", InstallationKeys.Kind.values());
    }
}
