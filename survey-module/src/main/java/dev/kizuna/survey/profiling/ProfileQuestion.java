package dev.kizuna.survey.profiling;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.core.text.LocalizedTexts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A question the merchant asks a little at a time instead of in a long registration form.
 *
 * @param priority     0–1000, higher is asked first
 * @param pii          answers identify the person: stored encrypted, never usable as segment criteria
 * @param rewardPoints points for the first answer (once per member and question, through the points feature)
 * @param placements   the pages or moments that may ask it (e.g. {@code account}, {@code order-complete}); empty: any
 * @param afterVisits  asked only once the shopper has made more than this many visits (0: from the first)
 * @param min          lowest accepted NUMBER answer (optional)
 * @param max          highest accepted NUMBER answer (optional)
 */
public record ProfileQuestion(String key, LocalizedText label, ProfileAnswerType type,
                              List<ProfileOption> options, BigDecimal min, BigDecimal max, int priority, boolean pii,
                              Long rewardPoints, List<String> placements, AskRule askRule, Integer afterVisits,
                              Boolean active) {

    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final Pattern PLACEMENT = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    static final int MAX_TEXT = 500;
    public static final int MAX_LABEL = 200;

    /**
     * Whether answers are stored as ciphertext: personal data, and every free-text answer (a shopper may write
     * anything into it). Sealed answers are never segment criteria nor counted by value.
     */
    public boolean sealed() {
        return pii || type == ProfileAnswerType.TEXT;
    }

    public ProfileQuestion {
        options = options == null ? List.of() : List.copyOf(options);
        placements = placements == null ? List.of() : List.copyOf(placements);
        askRule = askRule == null ? AskRule.SKIP_IF_KNOWN : askRule;
        active = active == null ? Boolean.TRUE : active;
        // optional in the API: no reward, asked from the first visit
        rewardPoints = rewardPoints == null ? Long.valueOf(0) : rewardPoints;
        afterVisits = afterVisits == null ? Integer.valueOf(0) : afterVisits;
    }

    public Optional<ProfileOption> option(String optionKey) {
        return options.stream().filter(o -> o.key().equals(optionKey)).findFirst();
    }

    /** Whether this question may be asked on {@code context}; no context reaches unrestricted questions only. */
    public boolean askableOn(String context) {
        return placements.isEmpty() || (context != null && placements.contains(context));
    }

    public void validate() {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidInput("key", "survey.key-format");
        }
        LocalizedTexts.japanese("label", label, MAX_LABEL);
        if (type == null) {
            throw new InvalidInput("type", "required");
        }
        if (type.withOptions()) {
            if (options.size() < 2 || options.size() > 30) {
                throw new InvalidInput("options", "profiling.options-count", 2, 30);
            }
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < options.size(); i++) {
                ProfileOption o = options.get(i);
                if (o == null || o.key() == null || !KEY.matcher(o.key()).matches()) {
                    throw new InvalidInput("options[" + i + "].key", "profiling.option-key-format");
                }
                if (!keys.add(o.key())) {
                    throw new InvalidInput("options[" + i + "].key", "survey.offered-twice", o.key());
                }
                LocalizedTexts.japanese("options[" + i + "].label", o.label(), MAX_LABEL);
            }
        } else if (!options.isEmpty()) {
            throw new InvalidInput("options", "profiling.options-only-choice");
        }
        if (!type.numeric() && (min != null || max != null)) {
            throw new InvalidInput(min != null ? "min" : "max", "profiling.bounds-only-number");
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new InvalidInput("max", "profiling.max-below-min");
        }
        if (priority < 0 || priority > 1000) {
            throw new InvalidInput("priority", "out-of-range", 0, 1000);
        }
        if (rewardPoints < 0 || rewardPoints > 1_000_000) {
            throw new InvalidInput("rewardPoints", "out-of-range", 0, 1_000_000);
        }
        if (afterVisits < 0 || afterVisits > 1000) {
            throw new InvalidInput("afterVisits", "out-of-range", 0, 1000);
        }
        for (int i = 0; i < placements.size(); i++) {
            if (placements.get(i) == null || !PLACEMENT.matcher(placements.get(i)).matches()) {
                throw new InvalidInput("placements[" + i + "]", "kebab-case");
            }
        }
    }

    /**
     * The answer as stored: one value (a choice key, an ISO date, a plain decimal, a text) or, for a multiple choice,
     * the chosen keys in the question's order.
     *
     * @throws InvalidInput naming {@code field} when the answer does not fit the question
     */
    public List<String> normalise(List<String> given, String field) {
        List<String> values = new ArrayList<>();
        if (given != null) {
            for (String v : given) {
                if (v != null && !v.isBlank()) {
                    values.add(v.strip());
                }
            }
        }
        if (values.isEmpty()) {
            throw new InvalidInput(field, "profiling.answer-required");
        }
        if (type == ProfileAnswerType.MULTIPLE_CHOICE) {
            for (String v : values) {
                if (option(v).isEmpty()) {
                    throw new InvalidInput(field, "profiling.not-an-option", v, key);
                }
            }
            return options.stream().map(ProfileOption::key).filter(values::contains).toList();
        }
        if (values.size() != 1) {
            throw new InvalidInput(field, "profiling.one-answer", key);
        }
        String v = values.get(0);
        switch (type) {
            case TEXT:
                if (v.codePointCount(0, v.length()) > MAX_TEXT) {
                    throw new InvalidInput(field, "too-long", MAX_TEXT);
                }
                return List.of(v);
            case DATE:
                try {
                    LocalDate d = LocalDate.parse(v);
                    if (d.getYear() < 1900 || d.getYear() > 2100) {
                        throw new InvalidInput(field, "profiling.date-range", "1900", "2100");
                    }
                    return List.of(d.toString());
                } catch (DateTimeParseException e) {
                    throw new InvalidInput(field, "invalid-date");
                }
            case NUMBER, INTEGER:
                BigDecimal n;
                try {
                    n = new BigDecimal(v);
                } catch (NumberFormatException e) {
                    throw new InvalidInput(field, "not-a-number");
                }
                if (n.precision() > 15 || n.scale() > 6) {
                    throw new InvalidInput(field, "profiling.too-many-digits");
                }
                if (type == ProfileAnswerType.INTEGER && n.stripTrailingZeros().scale() > 0) {
                    throw new InvalidInput(field, "whole-number");
                }
                if ((min != null && n.compareTo(min) < 0) || (max != null && n.compareTo(max) > 0)) {
                    throw new InvalidInput(field, "out-of-range", min == null ? "-∞" : min.toPlainString(),
                            max == null ? "∞" : max.toPlainString());
                }
                return List.of(n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString());
            case SINGLE_CHOICE:
                if (option(v).isEmpty()) {
                    throw new InvalidInput(field, "profiling.not-an-option", v, key);
                }
                return List.of(v);
            default:
                throw new IllegalStateException("unknown answer type " + type);
        }
    }
}
