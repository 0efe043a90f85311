package dev.kizuna.survey.feedback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Answers that break the survey's rules, by question key in the survey's order. */
public final class AnswersRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, AnswerProblem> problems;

    public AnswersRejected(Map<String, AnswerProblem> problems) {
        super(problems.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ")));
        this.problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
    }

    public Map<String, AnswerProblem> problems() {
        return problems;
    }
}
