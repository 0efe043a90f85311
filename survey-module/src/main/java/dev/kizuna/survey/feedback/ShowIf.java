package dev.kizuna.survey.feedback;

import java.util.List;

/**
 * Branching: the question is shown only when the earlier question {@code question} was answered with one of
 * {@code anyOf} (scores as numbers, e.g. "0".."6", or choice keys; for a multiple choice any selected one counts).
 */
public record ShowIf(String question, List<String> anyOf) {
    public ShowIf {
        anyOf = anyOf == null ? List.of() : List.copyOf(anyOf);
    }
}
