package dev.kizuna.core.errors;

import dev.kizuna.core.i18n.ProblemTexts;

import java.util.Locale;

/**
 * The thing asked for does not exist (or is not the caller's to see). Made with {@link #of} it names what is missing
 * by a key of the problem texts, and {@link #text(Locale)} says it in the reader's language; made with a plain
 * message (older call sites), the message is the text in every language.
 */
public class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final transient Object[] args;

    public NotFound(String message) {
        super(message);
        this.key = null;
        this.args = new Object[0];
    }

    private NotFound(String key, Object[] args) {
        super(ProblemTexts.shared().text(Locale.ENGLISH, key, args));
        this.key = key;
        this.args = args.clone();
    }

    /** Not found, said by the problem text {@code key} with {@code args} for its placeholders. */
    public static NotFound of(String key, Object... args) {
        return new NotFound(key, args);
    }

    /** What is missing, in the reader's language. */
    public String text(Locale locale) {
        return key == null ? getMessage() : ProblemTexts.shared().text(locale, key, args.clone());
    }
}
