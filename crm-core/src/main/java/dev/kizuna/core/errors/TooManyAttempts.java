package dev.kizuna.core.errors;

import dev.kizuna.core.i18n.ProblemTexts;

import java.time.Duration;
import java.util.Locale;

/**
 * The caller failed too often (wrong coupon codes, wrong passwords) and must wait: answered 429 with Retry-After and
 * "try again in N minutes" in the caller's language.
 */
public class TooManyAttempts extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public TooManyAttempts(Duration retryAfter) {
        super("too many failed attempts; try again in " + minutes(retryAfter) + " minutes");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The wait in whole minutes, rounded up, at least one. */
    public long minutes() {
        return minutes(retryAfter);
    }

    /** Whole seconds for the Retry-After header, at least one. */
    public long seconds() {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    }

    /** "Try again in N minutes" in {@code locale}'s language. */
    public String text(Locale locale) {
        return ProblemTexts.shared().text(locale, "too-many.retry-in", minutes());
    }

    private static long minutes(Duration d) {
        return Math.max(1, (d.toSeconds() + 59) / 60);
    }
}
