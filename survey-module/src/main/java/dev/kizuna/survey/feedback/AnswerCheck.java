package dev.kizuna.survey.feedback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a shopper's answers against the version they answered. Questions are walked in order, so a branching
 * condition is judged on the checked answer of the earlier question. Answers to questions hidden by branching are
 * ignored, never stored: a browser without script shows every question, and a shopper who answered one and then
 * changed the earlier answer should not be refused for it. Required applies to shown questions only.
 */
public final class AnswerCheck {
    public static final int MAX_TEXT = 2000;

    private AnswerCheck() {
    }

    /**
     * @param raw values per question key as a form sends them (blank values count as no answer)
     * @return the answers to store, in the survey's order
     * @throws AnswersRejected naming each question whose answer breaks a rule
     */
    public static List<GivenAnswer> check(SurveyDesign design, Map<String, List<String>> raw) {
        Map<String, GivenAnswer> given = new LinkedHashMap<>();
        Map<String, AnswerProblem> problems = new LinkedHashMap<>();
        for (Question q : design.questions()) {
            if (!shown(q, given)) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String v : raw.getOrDefault(q.key(), List.of())) {
                if (v != null && !v.isBlank()) {
                    values.add(q.type() == QuestionType.FREE_TEXT ? v.replace("\r\n", "\n").strip() : v.strip());
                }
            }
            if (values.isEmpty()) {
                if (q.required()) {
                    problems.put(q.key(), AnswerProblem.REQUIRED);
                }
                continue;
            }
            try {
                given.put(q.key(), answer(q, values));
            } catch (Refused r) {
                problems.put(q.key(), r.problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new AnswersRejected(problems);
        }
        return List.copyOf(given.values());
    }

    /** Whether {@code q} is shown given the (checked) answers so far. */
    static boolean shown(Question q, Map<String, GivenAnswer> given) {
        if (q.showIf() == null) {
            return true;
        }
        GivenAnswer on = given.get(q.showIf().question());
        return on != null && on.matchesAny(q.showIf().anyOf());
    }

    private static GivenAnswer answer(Question q, List<String> values) throws Refused {
        switch (q.type()) {
            case NPS:
            case RATING: {
                String v = single(values);
                int score;
                try {
                    score = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new Refused(AnswerProblem.NOT_A_NUMBER);
                }
                if (score < q.type().min() || score > q.type().max()) {
                    throw new Refused(AnswerProblem.OUT_OF_RANGE);
                }
                return GivenAnswer.score(q.key(), score);
            }
            case SINGLE_CHOICE: {
                String v = single(values);
                if (q.choice(v).isEmpty()) {
                    throw new Refused(AnswerProblem.UNKNOWN_CHOICE);
                }
                return GivenAnswer.choices(q.key(), List.of(v));
            }
            case MULTIPLE_CHOICE: {
                for (String v : values) {
                    if (q.choice(v).isEmpty()) {
                        throw new Refused(AnswerProblem.UNKNOWN_CHOICE);
                    }
                }
                // stored in the survey's order, each once, however the form sent them
                List<String> chosen = q.choices().stream().map(Choice::key).filter(values::contains).toList();
                return GivenAnswer.choices(q.key(), chosen);
            }
            case FREE_TEXT: {
                String v = single(values);
                if (v.codePointCount(0, v.length()) > MAX_TEXT) {
                    throw new Refused(AnswerProblem.TOO_LONG);
                }
                return GivenAnswer.text(q.key(), v);
            }
            default:
                throw new IllegalStateException("unknown question type " + q.type());
        }
    }

    private static String single(List<String> values) throws Refused {
        if (values.size() != 1) {
            throw new Refused(AnswerProblem.SINGLE_VALUE_ONLY);
        }
        return values.get(0);
    }

    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final AnswerProblem problem;

        Refused(AnswerProblem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }
    }
}
