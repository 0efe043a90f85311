package dev.kizuna.admin;

import dev.kizuna.admin.console.users.PasswordPolicy;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.testing.ProblemKeys;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of the console has a Japanese and an English text; with every feature module on the class path their
 * problem texts merge without a key defined twice.
 */
class ProblemTextsTest {

    @Test
    void every_problem_key_used_exists_in_japanese_and_english() {
        ProblemKeys.assertBundlesMatch();
        ProblemKeys.assertEveryKeyUsedExists(Path.of("src/main/java"));
        ProblemKeys.assertEveryConflictCodeHasATextIn(Path.of("src/main/java"));
    }

    @Test
    void the_password_and_username_policies_refuse_with_problem_keys() {
        Stream.of(PasswordPolicy.problem("hanako", "short"), PasswordPolicy.problem("hanako", "x".repeat(300)),
                        PasswordPolicy.problem("hanako", "my-name-is-hanako!"), PasswordPolicy.usernameProblem("Bad Name"))
                .forEach(p -> assertThat(p).hasValueSatisfying(key -> assertThat(ProblemTexts.shared().has(key)).as(key).isTrue()));
        assertThat(ProblemTexts.shared().text(ProblemTexts.JA, "password.too-short", PasswordPolicy.MIN_LENGTH,
                PasswordPolicy.MAX_LENGTH)).isEqualTo("12 文字以上にしてください。");
    }
}
