package dev.kizuna.survey.feedback;

import dev.kizuna.core.errors.InvalidInput;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a survey asks, in Japanese and English: the content of one version. The builder edits a draft design;
 * publishing freezes it as a new version.
 */
public record SurveyDesign(String titleJa, String titleEn, String introJa, String introEn, String thanksJa,
                           String thanksEn, List<Question> questions) {

    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final int MAX_QUESTIONS = 50;
    static final int MAX_CHOICES = 20;

    public SurveyDesign {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    public String title(String lang) {
        return "en".equals(lang) ? titleEn : titleJa;
    }

    public String intro(String lang) {
        return "en".equals(lang) ? introEn : introJa;
    }

    public String thanks(String lang) {
        return "en".equals(lang) ? thanksEn : thanksJa;
    }

    public Optional<Question> question(String key) {
        return questions.stream().filter(q -> q.key().equals(key)).findFirst();
    }

    /** The survey's NPS question (a design has at most one), whose answer is the response's NPS score. */
    public Optional<Question> npsQuestion() {
        return questions.stream().filter(q -> q.type() == QuestionType.NPS).findFirst();
    }

    /**
     * Checks the design as the builder must leave it to be saved or published.
     *
     * @throws InvalidInput naming the offending field, e.g. {@code questions[2].showIf.question}
     */
    public void validate() {
        text("titleJa", titleJa, 200, true);
        text("titleEn", titleEn, 200, true);
        text("introJa", introJa, 1000, false);
        text("introEn", introEn, 1000, false);
        text("thanksJa", thanksJa, 1000, false);
        text("thanksEn", thanksEn, 1000, false);
        if (questions.isEmpty() || questions.size() > MAX_QUESTIONS) {
            throw new InvalidInput("questions", "survey.questions-count", MAX_QUESTIONS);
        }
        Map<String, Question> earlier = new HashMap<>();
        boolean nps = false;
        for (int i = 0; i < questions.size(); i++) {
            String at = "questions[" + i + "]";
            Question q = questions.get(i);
            if (q == null) {
                throw new InvalidInput(at, "required");
            }
            if (q.key() == null || !KEY.matcher(q.key()).matches()) {
                throw new InvalidInput(at + ".key", "survey.key-format");
            }
            if (earlier.containsKey(q.key())) {
                throw new InvalidInput(at + ".key", "survey.key-taken", q.key());
            }
            if (q.type() == null) {
                throw new InvalidInput(at + ".type", "required");
            }
            if (q.type() == QuestionType.NPS) {
                if (nps) {
                    throw new InvalidInput(at + ".type", "survey.one-nps");
                }
                nps = true;
            }
            text(at + ".textJa", q.textJa(), 500, true);
            text(at + ".textEn", q.textEn(), 500, true);
            validateChoices(at, q);
            validateShowIf(at, q, earlier);
            earlier.put(q.key(), q);
        }
    }

    private static void validateChoices(String at, Question q) {
        if (!q.type().withChoices()) {
            if (!q.choices().isEmpty()) {
                throw new InvalidInput(at + ".choices", "survey.choices-only-choice");
            }
            return;
        }
        if (q.choices().size() < 2 || q.choices().size() > MAX_CHOICES) {
            throw new InvalidInput(at + ".choices", "survey.choices-count", 2, MAX_CHOICES);
        }
        Set<String> keys = new HashSet<>();
        for (int c = 0; c < q.choices().size(); c++) {
            String cat = at + ".choices[" + c + "]";
            Choice choice = q.choices().get(c);
            if (choice == null) {
                throw new InvalidInput(cat, "required");
            }
            if (choice.key() == null || !KEY.matcher(choice.key()).matches()) {
                throw new InvalidInput(cat + ".key", "survey.key-format");
            }
            if (!keys.add(choice.key())) {
                throw new InvalidInput(cat + ".key", "survey.offered-twice", choice.key());
            }
            text(cat + ".labelJa", choice.labelJa(), 200, true);
            text(cat + ".labelEn", choice.labelEn(), 200, true);
        }
    }

    private static void validateShowIf(String at, Question q, Map<String, Question> earlier) {
        ShowIf s = q.showIf();
        if (s == null) {
            return;
        }
        Question on = s.question() == null ? null : earlier.get(s.question());
        if (on == null) {
            throw new InvalidInput(at + ".showIf.question", "survey.show-if-earlier");
        }
        if (on.type() == QuestionType.FREE_TEXT) {
            throw new InvalidInput(at + ".showIf.question", "survey.show-if-free-text");
        }
        if (s.anyOf().isEmpty()) {
            throw new InvalidInput(at + ".showIf.anyOf", "survey.show-if-any-of");
        }
        for (int v = 0; v < s.anyOf().size(); v++) {
            String value = s.anyOf().get(v);
            if (value == null || !on.canBeAnsweredWith(value)) {
                throw new InvalidInput(at + ".showIf.anyOf[" + v + "]", "survey.not-an-answer", value, on.key());
            }
        }
    }

    private static void text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidInput(field, "required");
            }
            return;
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw new InvalidInput(field, "too-long", max);
        }
    }
}
