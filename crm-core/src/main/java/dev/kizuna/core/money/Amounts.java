package dev.kizuna.core.money;

import dev.kizuna.core.errors.InvalidInput;

/**
 * Exact arithmetic on money (minor units) and points: a sum or product that leaves {@code long} is refused as
 * {@link InvalidInput} naming the field ({@code amount-overflow}), never wrapped round into a small or negative
 * figure. {@link #MAX} bounds any single amount or balance Kizuna takes in, far above a real order and far enough
 * below 2^63 that a few hundred of them still add up exactly.
 */
public final class Amounts {
    /** 10^15 minor units (a quadrillion yen) or points. */
    public static final long MAX = 1_000_000_000_000_000L;

    private Amounts() {
    }

    public static long add(String field, long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new InvalidInput(field, "amount-overflow");
        }
    }

    public static long subtract(String field, long a, long b) {
        try {
            return Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw new InvalidInput(field, "amount-overflow");
        }
    }

    public static long multiply(String field, long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new InvalidInput(field, "amount-overflow");
        }
    }

    /** {@code value}, refused unless {@code 0 <= value <= MAX}. */
    public static long bounded(String field, long value) {
        if (value < 0 || value > MAX) {
            throw new InvalidInput(field, "out-of-range", 0, MAX);
        }
        return value;
    }
}
