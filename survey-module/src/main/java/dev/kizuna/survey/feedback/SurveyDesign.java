package dev.kizuna.survey.feedback;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.core.text.LocalizedTexts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a survey asks, in the shop's languages: the content of one version ({@code intro} and {@code thanks} may be
 * null: the page then shows none, or the default thanks). The builder edits a draft design;
 * publishing freezes it as a new version.
 */
public record SurveyDesign(LocalizedText title, LocalizedText intro, LocalizedText thanks, List<Question> questions) {

    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final int MAX_QUESTIONS = 50;
    static final int MAX_CHOICES = 20;

    public SurveyDesign {
        questions = questions == null ? List.of() : List.copyOf(questions);
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
        LocalizedTexts.japanese("title", title, 200);
        LocalizedTexts.optional("intro", intro, 1000);
        LocalizedTexts.optional("thanks", thanks, 1000);
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
            LocalizedTexts.japanese(at + ".text", q.text(), 500);
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
            LocalizedTexts.japanese(cat + ".label", choice.label(), 200);
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
}
