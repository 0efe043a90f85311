package dev.kizuna.survey.console;

import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.feedback.Choice;
import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.Question;
import dev.kizuna.survey.feedback.QuestionType;
import dev.kizuna.survey.feedback.ShowIf;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.feedback.SurveySettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The survey builder's forms as plain HTML: each question is a row of fields named {@code questions[i].key},
 * {@code questions[i].type} …; choices are rows of key, Japanese and English
 * ({@code questions[i].choices[j].key} …); a branch names an
 * earlier question and the answers (comma-separated) that show this one. One empty row more adds a question.
 * The survey service checks the design; its refusals are mapped back to the row they concern.
 */
final class SurveyForms {
    static final int MAX_ROWS = 60;

    private SurveyForms() {
    }

    /** A design as typed, and for each of its questions the form row it came from (rows can be removed). */
    record TypedDesign(SurveyDesign design, List<Integer> rows) {
    }

    static TypedDesign design(PageRequest r, FormErrors errors) {
        int count = r.intParam("questionCount", 0, 0, MAX_ROWS);
        List<Question> questions = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            String at = "questions[" + i + "]";
            if (r.flag(at + ".remove")) {
                continue;
            }
            String key = r.param(at + ".key").orElse(null);
            LocalizedText text = r.localized(at + ".text");
            if (i == count && key == null && text == null) {
                continue; // the empty row for a new question, left empty
            }
            // checked here, all rows at once, before the survey service refuses the first
            if (key == null) {
                errors.add(at + ".key", "error.required");
            }
            if (text == null || text.exactly(LocalizedText.JA).isEmpty()) {
                errors.add(at + ".text.ja", "error.required");
            }
            QuestionType type = null;
            try {
                type = QuestionType.valueOf(r.param(at + ".type").orElse(""));
            } catch (IllegalArgumentException e) {
                errors.add(at + ".type", "error.required");
            }
            List<Choice> choices = choices(r, errors, at + ".choices");
            ShowIf showIf = null;
            String on = r.param(at + ".showIf.question").orElse(null);
            if (on != null) {
                List<String> anyOf = Arrays.stream(r.raw(at + ".showIf.anyOf").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList();
                showIf = new ShowIf(on, anyOf);
            }
            questions.add(new Question(key, type, r.flag(at + ".required"), text, choices, showIf));
            rows.add(i);
        }
        LocalizedText title = r.localized("title");
        if (title == null || title.exactly(LocalizedText.JA).isEmpty()) {
            errors.add("title.ja", "error.required");
        }
        SurveyDesign design = new SurveyDesign(title, r.localized("intro"), r.localized("thanks"),
                questions);
        return new TypedDesign(design, rows);
    }

    /** Spare empty choice rows the builder shows under a question's choices, to add choices with. */
    static final int SPARE_CHOICES = 2;
    /** At most this many choice rows are read from one question. */
    static final int MAX_CHOICE_ROWS = 100;

    /** Rows as typed: the items, and for each the form row it came from (empty and removed rows are left out). */
    record TypedRows<T>(List<T> items, List<Integer> rows) {
        /** {@code options[1].label.ja} of the items as sent → the same field of the form row it came from. */
        String formField(String field, String prefix) {
            if (!field.startsWith(prefix + "[")) {
                return field;
            }
            int close = field.indexOf(']');
            int index = Integer.parseInt(field.substring(prefix.length() + 1, close));
            int row = index < rows.size() ? rows.get(index) : index;
            return prefix + "[" + row + "]" + field.substring(close + 1);
        }
    }

    /**
     * A list of keyed ja/en labels from its rows ({@code <field>[j].key}, {@code .label.ja}, {@code .label.en},
     * {@code .remove}; how many rows in {@code countField}): an empty row or one marked for removal is left out; a row
     * with a label but no key is refused beside its key. Survey choices and profile question options both read so.
     */
    static <T> TypedRows<T> rows(PageRequest r, FormErrors errors, String field, String countField,
                                 BiFunction<String, LocalizedText, T> item) {
        List<T> out = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        int rows = r.intParam(countField, 0, 0, MAX_CHOICE_ROWS);
        for (int j = 0; j < rows; j++) {
            String at = field + "[" + j + "]";
            String key = r.param(at + ".key").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
            LocalizedText label = r.localized(at + ".label");
            if (r.flag(at + ".remove") || (key == null && label == null)) {
                continue;
            }
            if (key == null) {
                errors.add(at + ".key", "error.required");
                continue;
            }
            out.add(item.apply(key, label));
            from.add(j);
        }
        return new TypedRows<>(out, from);
    }

    /** The form's values of such rows, with {@link #SPARE_CHOICES} empty rows more to add with. */
    static <T> void putRows(Map<String, String> v, String field, String countField, List<T> items,
                            Function<T, String> key, Function<T, LocalizedText> label) {
        for (int j = 0; j < items.size(); j++) {
            String row = field + "[" + j + "]";
            put(v, row + ".key", key.apply(items.get(j)));
            LocalizedText l = label.apply(items.get(j));
            if (l != null) {
                put(v, row + ".label", l);
            }
        }
        v.put(countField, Integer.toString(items.size() + SPARE_CHOICES));
    }

    private static List<Choice> choices(PageRequest r, FormErrors errors, String field) {
        return rows(r, errors, field, field.replace(".choices", ".choiceCount"), Choice::new).items();
    }

    /**
     * The form field showing a refusal of the survey service: {@code questions[2].choices[1].key} of the design as
     * sent goes beside the choices of the row it came from.
     */
    static String designField(String field, List<Integer> rows) {
        if (!field.startsWith("questions[")) {
            return FormErrors.listField(field);
        }
        int close = field.indexOf(']');
        int index = Integer.parseInt(field.substring("questions[".length(), close));
        int row = index < rows.size() ? rows.get(index) : index;
        String rest = field.substring(close + 1);
        if (rest.isEmpty()) {
            return "questions[" + row + "].key";
        }
        return "questions[" + row + "]" + FormErrors.listField(rest);
    }

    /** The form's values for a design, to fill the builder. */
    static Map<String, String> values(SurveyDesign d) {
        Map<String, String> v = new HashMap<>();
        put(v, "title", d.title());
        put(v, "intro", d.intro());
        put(v, "thanks", d.thanks());
        for (int i = 0; i < d.questions().size(); i++) {
            Question q = d.questions().get(i);
            String at = "questions[" + i + "]";
            put(v, at + ".key", q.key());
            put(v, at + ".type", q.type().name());
            if (q.required()) {
                v.put(at + ".required", "on");
            }
            put(v, at + ".text", q.text());
            putRows(v, at + ".choices", at + ".choiceCount", q.choices(), Choice::key, Choice::label);
            if (q.showIf() != null) {
                put(v, at + ".showIf.question", q.showIf().question());
                put(v, at + ".showIf.anyOf", String.join(", ", q.showIf().anyOf()));
            }
        }
        v.put("questionCount", Integer.toString(d.questions().size()));
        return v;
    }

    static SurveySettings settings(PageRequest r, FormErrors errors) {
        String name = errors.text(r, "name", true, 200);
        Long reward = errors.longValue(r, "rewardPoints", false, 0, SurveySettings.MAX_REWARD);
        Integer days = errors.intValue(r, "trigger.daysAfterDelivery", true, 0, 365);
        Integer sampling = errors.intValue(r, "trigger.samplingPercent", true, 0, 100);
        Integer cooldown = errors.intValue(r, "trigger.cooldownDays", true, 0, 3650);
        Integer valid = errors.intValue(r, "trigger.linkValidDays", true, 1, 365);
        InvitationTrigger.Channel channel = InvitationTrigger.Channel.ANY;
        try {
            channel = InvitationTrigger.Channel.valueOf(r.param("trigger.channel").orElse("ANY"));
        } catch (IllegalArgumentException e) {
            errors.add("trigger.channel", "error.required");
        }
        List<String> ranks = Arrays.stream(r.params("trigger.ranks")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<String> segments = Arrays.stream(r.raw("trigger.segments").split("[,\\s]+")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        if (errors.any()) {
            return null;
        }
        return new SurveySettings(name, reward == null ? 0 : reward, new InvitationTrigger(days, channel, ranks, segments,
                sampling, cooldown, valid));
    }

    static Map<String, String> values(SurveySettings s) {
        Map<String, String> v = new HashMap<>();
        put(v, "name", s.name());
        v.put("rewardPoints", Long.toString(s.rewardPoints()));
        InvitationTrigger t = s.trigger();
        v.put("trigger.daysAfterDelivery", Integer.toString(t.daysAfterDelivery()));
        v.put("trigger.channel", t.channel().name());
        v.put("trigger.samplingPercent", Integer.toString(t.samplingPercent()));
        v.put("trigger.cooldownDays", Integer.toString(t.cooldownDays()));
        v.put("trigger.linkValidDays", Integer.toString(t.linkValidDays()));
        v.put("trigger.segments", String.join(", ", t.segments()));
        return v;
    }

    private static void put(Map<String, String> v, String key, String value) {
        if (value != null) {
            v.put(key, value);
        }
    }

    /** A text's languages as the form's {@code key.ja} and {@code key.en} fields. */
    static void put(Map<String, String> v, String key, LocalizedText text) {
        if (text != null) {
            put(v, key + ".ja", text.exactly(LocalizedText.JA).orElse(null));
            put(v, key + ".en", text.exactly(LocalizedText.EN).orElse(null));
        }
    }
}
