package dev.kizuna.core.text;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates Kizuna takes in: years 1900 to 2200. Anything outside is a typo or an attack (year +294277 overflows the
 * arithmetic of every job that adds a window to it), and is refused where it comes in.
 */
public final class InputDates {
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2200;
    /** The bounds as the problem text shows them (no digit grouping). */
    public static final String MIN_YEAR_TEXT = Integer.toString(MIN_YEAR);
    public static final String MAX_YEAR_TEXT = Integer.toString(MAX_YEAR);

    private static final Instant FROM = LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant UNTIL = LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private InputDates() {
    }

    public static boolean sane(Instant t) {
        return !t.isBefore(FROM) && t.isBefore(UNTIL);
    }

    public static boolean sane(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }
}
