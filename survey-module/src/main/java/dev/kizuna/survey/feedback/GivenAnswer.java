package dev.kizuna.survey.feedback;

import java.util.List;

/** A checked answer to one question: a score, chosen choice keys, or a text (exactly one of them). */
public record GivenAnswer(String questionKey, Integer score, List<String> choices, String text) {

    public static GivenAnswer score(String key, int score) {
        return new GivenAnswer(key, score, null, null);
    }

    public static GivenAnswer choices(String key, List<String> choices) {
        return new GivenAnswer(key, null, List.copyOf(choices), null);
    }

    public static GivenAnswer text(String key, String text) {
        return new GivenAnswer(key, null, null, text);
    }

    /** Whether this answer is one of {@code values} (a branching condition). */
    public boolean matchesAny(List<String> values) {
        if (score != null) {
            return values.contains(Integer.toString(score));
        }
        if (choices != null) {
            return choices.stream().anyMatch(values::contains);
        }
        return false;
    }
}
