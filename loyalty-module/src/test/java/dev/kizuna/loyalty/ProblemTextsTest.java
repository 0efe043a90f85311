package dev.kizuna.loyalty;

import dev.kizuna.core.testing.ProblemKeys;
import dev.kizuna.loyalty.coupon.Refusals;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal of the loyalty module has a Japanese and an English text. */
class ProblemTextsTest {

    @Test
    void every_problem_key_used_exists_in_japanese_and_english() {
        ProblemKeys.assertBundlesMatch();
        ProblemKeys.assertEveryKeyUsedExists(Path.of("src/main/java"));
        ProblemKeys.assertEveryConflictCodeHasATextIn(Path.of("src/main/java"));
    }

    @Test
    void every_coupon_refusal_code_has_a_japanese_and_an_english_text() throws IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (Field f : Refusals.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                codes.add((String) f.get(null));
            }
        }
        assertThat(codes).isNotEmpty();
        ProblemKeys.assertCodesHaveTexts(codes);
    }
}
