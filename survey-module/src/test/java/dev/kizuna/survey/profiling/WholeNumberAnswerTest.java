package dev.kizuna.survey.profiling;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.LocalizedText;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A whole-number question (a household's size) refuses 2.5 and keeps 3 (also typed 3.0); a NUMBER keeps 2.5. */
class WholeNumberAnswerTest {

    static ProfileQuestion question(ProfileAnswerType type) {
        return new ProfileQuestion("household_size", LocalizedText.of("ご家族は何人ですか?", "Household size"), type,
                List.of(), BigDecimal.ONE, BigDecimal.valueOf(20), 70, false, 10L, List.of(), AskRule.SKIP_IF_KNOWN, 0,
                true);
    }

    @Test
    void a_whole_number_question_refuses_a_fraction_beside_its_field() {
        ProfileQuestion household = question(ProfileAnswerType.INTEGER);
        assertThatThrownBy(() -> household.normalise(List.of("2.5"), "answers[0].values"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> {
                    assertThat(e.field()).isEqualTo("answers[0].values");
                    assertThat(e.key()).isEqualTo("whole-number");
                });
        assertThat(household.normalise(List.of("3"), "v")).containsExactly("3");
        assertThat(household.normalise(List.of("3.0"), "v")).containsExactly("3");
        assertThatThrownBy(() -> household.normalise(List.of("21"), "v")).isInstanceOf(InvalidInput.class);
        assertThat(question(ProfileAnswerType.NUMBER).normalise(List.of("2.5"), "v")).containsExactly("2.5");
    }
}
