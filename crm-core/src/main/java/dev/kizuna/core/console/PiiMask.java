package dev.kizuna.core.console;

/**
 * How the support role sees personal data until it reveals it with a logged reason: enough to confirm who is on the
 * phone ({@code h***@example.jp}, {@code 田***}), not enough to copy out a customer list.
 */
public final class PiiMask {
    private static final String STARS = "***";

    private PiiMask() {
    }

    /** The first character of the local part and the whole domain: {@code hanako@example.jp} → {@code h***@example.jp}. */
    public static String email(String email) {
        if (email == null || email.isBlank()) {
            return email;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return firstCodePoint(email) + STARS;
        }
        return firstCodePoint(email.substring(0, at)) + STARS + email.substring(at);
    }

    /** The initial only: {@code 山田 花子} → {@code 山***}, {@code Hanako Yamada} → {@code H***}. */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        return firstCodePoint(name.strip()) + STARS;
    }

    /** Nothing of a birth date or free-text answer survives masking. */
    public static String hidden(String value) {
        return value == null || value.isEmpty() ? value : STARS;
    }

    private static String firstCodePoint(String s) {
        return new String(Character.toChars(s.codePointAt(0)));
    }
}
