package dev.kizuna.survey.feedback;

import dev.kizuna.core.text.LocalizedText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One survey question in both languages. {@code key} identifies it across versions, so results of a question
 * whose wording changed between versions still add up.
 */
public record Question(String key, QuestionType type, boolean required, LocalizedText text,
                       List<Choice> choices, ShowIf showIf) {

    public Question {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public Optional<Choice> choice(String choiceKey) {
        return choices.stream().filter(c -> c.key().equals(choiceKey)).findFirst();
    }

    /** The scores a scored question offers, lowest first; empty for other types. */
    public List<Integer> scale() {
        List<Integer> out = new ArrayList<>();
        if (type.scored()) {
            for (int i = type.min(); i <= type.max(); i++) {
                out.add(i);
            }
        }
        return out;
    }

    /** Whether {@code value} is something this question can be answered with (for branching conditions). */
    public boolean canBeAnsweredWith(String value) {
        if (type.scored()) {
            try {
                int n = Integer.parseInt(value);
                return n >= type.min() && n <= type.max();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return type.withChoices() && choice(value).isPresent();
    }
}
