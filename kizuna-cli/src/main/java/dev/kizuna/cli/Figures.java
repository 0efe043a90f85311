package dev.kizuna.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;

/** Prints results as {@code name=value} lines, for people and for scripts ({@code grep}, {@code cut -d=}). */
final class Figures {
    /** Six significant digits: more than any of these estimates carries, and stable across platforms. */
    private static final MathContext SIGNIFICANT = new MathContext(6);

    private final PrintWriter out;

    Figures(PrintWriter out) {
        this.out = out;
    }

    void print(String name, double value) {
        out.println(name + "=" + format(value));
    }

    void print(String name, long value) {
        out.println(name + "=" + value);
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }
}
