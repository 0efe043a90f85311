package dev.kizuna.messaging;

import dev.kizuna.core.testing.ProblemKeys;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** Every refusal of the messaging module has a Japanese and an English text. */
class ProblemTextsTest {

    @Test
    void every_problem_key_used_exists_in_japanese_and_english() {
        ProblemKeys.assertBundlesMatch();
        ProblemKeys.assertEveryKeyUsedExists(Path.of("src/main/java"));
        ProblemKeys.assertEveryConflictCodeHasATextIn(Path.of("src/main/java"));
    }
}
