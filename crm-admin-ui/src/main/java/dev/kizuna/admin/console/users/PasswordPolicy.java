package dev.kizuna.admin.console.users;

import java.util.Locale;
import java.util.Optional;

/**
 * What a console password must be (NIST SP 800-63B style: length over composition rules): at least
 * {@link #MIN_LENGTH} characters, at most {@link #MAX_LENGTH} (Argon2 input stays bounded), not the username.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {
    }

    /** The i18n key of the problem with {@code password}, or empty when it is acceptable. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("password.too-short");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("password.too-long");
        }
        if (username != null && password.trim().toLowerCase(Locale.ROOT).contains(username.trim().toLowerCase(Locale.ROOT))
                && !username.isBlank()) {
            return Optional.of("password.contains-username");
        }
        return Optional.empty();
    }

    /** Usernames: lower-case letters, digits and {@code . _ @ -}, 1 to 64 characters (case-insensitive login). */
    public static Optional<String> usernameProblem(String username) {
        if (username == null || !username.matches("[a-z0-9][a-z0-9._@-]{0,63}")) {
            return Optional.of("username.invalid");
        }
        return Optional.empty();
    }

    public static String normalizeUsername(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
