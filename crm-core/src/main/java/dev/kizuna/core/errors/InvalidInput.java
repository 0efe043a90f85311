package dev.kizuna.core.errors;

import dev.kizuna.core.i18n.ProblemTexts;

import java.util.Locale;

/**
 * Input that breaks a rule: {@link #field()} names the field (JSON path style, e.g. {@code lines[0].quantity}),
 * {@link #key()} the rule broken, a key of the problem texts ({@link ProblemTexts}, e.g. {@code too-long}), with
 * {@link #args()} for its placeholders. {@link #text(Locale)} says it in the reader's language.
 */
public class InvalidInput extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String key;
    private final transient Object[] args;

    public InvalidInput(String field, String key, Object... args) {
        super(key);
        this.field = field;
        this.key = key;
        this.args = args.clone();
    }

    public String field() {
        return field;
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args == null ? new Object[0] : args.clone();
    }

    /** What is wrong, in {@code locale}'s language, without the field: "is required", 「必須です」. */
    public String text(Locale locale) {
        return ProblemTexts.shared().text(locale, key, args());
    }

    /** What is wrong, naming the field by its label: "SKU: is required", 「SKU：必須です」. */
    public String detail(Locale locale) {
        return ProblemTexts.shared().detail(locale, field, key, args());
    }

    /** The English text without the field, for logs, job outcomes and the command line. */
    public String reason() {
        return text(Locale.ENGLISH);
    }

    /** The field path and the English text, e.g. {@code lines[0].quantity: must be positive, was 0}. */
    @Override
    public String getMessage() {
        return field + ": " + reason();
    }
}
