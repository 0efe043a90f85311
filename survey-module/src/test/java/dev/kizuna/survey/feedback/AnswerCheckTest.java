package dev.kizuna.survey.feedback;

import dev.kizuna.survey.SurveyWorld;
import dev.kizuna.survey.results.NpsScore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Answer rules and NPS arithmetic, without a database. */
class AnswerCheckTest {
    static final SurveyDesign DESIGN = SurveyWorld.design();

    static Map<String, AnswerProblem> problems(Map<String, List<String>> raw) {
        try {
            AnswerCheck.check(DESIGN, raw);
        } catch (AnswersRejected e) {
            return e.problems();
        }
        return Map.of();
    }

    @Test
    void a_branch_is_required_only_when_it_is_shown() {
        assertThat(problems(Map.of("nps", List.of("6")))).isEqualTo(Map.of("reason", AnswerProblem.REQUIRED));
        assertThat(problems(Map.of("nps", List.of("7")))).isEmpty();
        assertThat(problems(Map.of())).isEqualTo(Map.of("nps", AnswerProblem.REQUIRED));
        assertThat(AnswerCheck.check(DESIGN, Map.of("nps", List.of("9"), "reason", List.of("price"))))
                .containsExactly(GivenAnswer.score("nps", 9));
        assertThat(AnswerCheck.check(DESIGN, Map.of("nps", List.of(" 0 "), "reason", List.of("price"),
                "comment", List.of("  遅い\r\n箱  "))))
                .containsExactly(GivenAnswer.score("nps", 0), GivenAnswer.choices("reason", List.of("price")),
                        GivenAnswer.text("comment", "遅い\n箱"));
    }

    @Test
    void values_off_the_scale_or_the_choices_are_refused_per_question() {
        assertThat(problems(Map.of("nps", List.of("11")))).isEqualTo(Map.of("nps", AnswerProblem.OUT_OF_RANGE));
        assertThat(problems(Map.of("nps", List.of("-1")))).isEqualTo(Map.of("nps", AnswerProblem.OUT_OF_RANGE));
        assertThat(problems(Map.of("nps", List.of("ten")))).isEqualTo(Map.of("nps", AnswerProblem.NOT_A_NUMBER));
        assertThat(problems(Map.of("nps", List.of("9", "10")))).isEqualTo(Map.of("nps", AnswerProblem.SINGLE_VALUE_ONLY));
        assertThat(problems(Map.of("nps", List.of("8"), "rating", List.of("6"))))
                .isEqualTo(Map.of("rating", AnswerProblem.OUT_OF_RANGE));
        assertThat(problems(Map.of("nps", List.of("2"), "reason", List.of("weather"))))
                .isEqualTo(Map.of("reason", AnswerProblem.UNKNOWN_CHOICE));
        assertThat(problems(Map.of("nps", List.of("8"), "comment", List.of("あ".repeat(AnswerCheck.MAX_TEXT + 1)))))
                .isEqualTo(Map.of("comment", AnswerProblem.TOO_LONG));
    }

    @Test
    void nps_is_the_share_of_promoters_minus_the_share_of_detractors_rounded_half_away_from_zero() {
        assertThat(NpsScore.of(3, 1, 2).score()).isEqualTo(17);
        assertThat(NpsScore.of(1, 0, 1).score()).isZero();
        assertThat(NpsScore.of(0, 0, 4).score()).isEqualTo(-100);
        assertThat(NpsScore.of(1, 6, 1).score()).isZero();
        assertThat(NpsScore.of(1, 7, 0).score()).isEqualTo(13);
        assertThat(NpsScore.of(0, 7, 1).score()).isEqualTo(-13);
        assertThat(NpsScore.of(1, 1, 0).score()).isEqualTo(50);
        assertThat(NpsScore.of(0, 199, 1).score()).isEqualTo(-1);
        assertThat(NpsScore.NONE.score()).isNull();
        assertThat(NpsScore.categorize(9)).isEqualTo(NpsScore.Category.PROMOTER);
        assertThat(NpsScore.categorize(7)).isEqualTo(NpsScore.Category.PASSIVE);
        assertThat(NpsScore.categorize(6)).isEqualTo(NpsScore.Category.DETRACTOR);
        assertThatThrownBy(() -> NpsScore.categorize(11)).isInstanceOf(IllegalArgumentException.class);
    }
}
