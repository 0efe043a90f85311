package dev.kizuna.core.crypto;

import java.security.SecureRandom;

/**
 * Coupon codes that can't be guessed and whose typos are caught before a lookup.
 * <p>Alphabet: the 31 characters {@code 23456789ABCDEFGHJKMNPQRSTUVWXYZ} (no 0/O, 1/I/L). 17 random characters
 * give 84 bits from {@link SecureRandom}. The check character makes the weighted sum
 * {@code Σ (i+1)·value(c_i)} ≡ 0 (mod 31) over all 18 characters; 31 is prime and all weights are distinct and
 * non-zero mod 31, so every single-character substitution and every swap of two different adjacent
 * characters changes the sum and is rejected. Codes print in groups of four, e.g. {@code K7QM-3XWR-9HTB-CN4P-ZE};
 * dashes, spaces and case are ignored when reading.</p>
 */
public final class CouponCodes {
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public static final int RANDOM_CHARS = 17;
    private static final int N = ALPHABET.length();

    private final SecureRandom random;

    public CouponCodes() {
        this(new SecureRandom());
    }

    public CouponCodes(SecureRandom random) {
        this.random = random;
    }

    /** Bits of entropy in one generated code. */
    public static double entropyBits() {
        return RANDOM_CHARS * Math.log(N) / Math.log(2);
    }

    /** A new code in canonical form (no dashes). */
    public String next() {
        char[] c = new char[RANDOM_CHARS + 1];
        int sum = 0;
        for (int i = 0; i < RANDOM_CHARS; i++) {
            int v = random.nextInt(N);
            c[i] = ALPHABET.charAt(v);
            sum += (i + 1) * v;
        }
        // choose check value x with sum + (RANDOM_CHARS + 1) * x ≡ 0 (mod N)
        int weight = RANDOM_CHARS + 1;
        int inverse = modInverse(weight);
        int x = Math.floorMod(-sum * inverse, N);
        c[RANDOM_CHARS] = ALPHABET.charAt(x);
        return new String(c);
    }

    /** Upper-cases and strips separators; returns null when a character is outside the alphabet. */
    public static String canonical(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(typed.length());
        for (char ch : typed.toCharArray()) {
            if (ch == '-' || ch == ' ') {
                continue;
            }
            char up = Character.toUpperCase(ch);
            if (ALPHABET.indexOf(up) < 0) {
                return null;
            }
            sb.append(up);
        }
        return sb.toString();
    }

    /** Whether {@code typed} is a well-formed generated code (length and check character). */
    public static boolean isWellFormed(String typed) {
        String code = canonical(typed);
        if (code == null || code.length() != RANDOM_CHARS + 1) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < code.length(); i++) {
            sum += (i + 1) * ALPHABET.indexOf(code.charAt(i));
        }
        return sum % N == 0;
    }

    /** Groups of four for printing and mail: {@code K7QM-3XWR-9HTB-CN4P-ZE}. */
    public static String display(String code) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(code.charAt(i));
        }
        return sb.toString();
    }

    private static int modInverse(int a) {
        for (int x = 1; x < N; x++) {
            if ((a * x) % N == 1) {
                return x;
            }
        }
        throw new IllegalStateException("no inverse of " + a + " mod " + N);
    }
}
