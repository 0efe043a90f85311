package dev.kizuna.core.crypto;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The prefixes a name is found by, for a "starts with" search over encrypted names. A name is normalised (NFKC, so
 * half-width kana and full-width latin fold; katakana to hiragana; latin lower-cased) and split into its parts at
 * spaces (family and given name, in whichever order the host sends them); every prefix of up to
 * {@link #MAX_PREFIX} characters of each part, and of the whole name without its spaces, is a token. A search
 * takes the typed text's first {@code MAX_PREFIX} characters as one token and checks longer text on the decrypted
 * names of the hits.
 */
public final class NameTokens {
    public static final int MAX_PREFIX = 8;

    private NameTokens() {
    }

    /** The tokens of a name (its normalised prefixes); empty for none. */
    public static Set<String> of(String name) {
        Set<String> out = new LinkedHashSet<>();
        if (name == null) {
            return out;
        }
        List<String> parts = parts(name);
        for (String part : parts) {
            addPrefixes(part, out);
        }
        addPrefixes(String.join("", parts), out);
        return out;
    }

    /** The token a typed search text is looked up by: its normalised first characters; empty if nothing is left. */
    public static String query(String typed) {
        return truncate(normalise(typed), MAX_PREFIX);
    }

    /** Whether a name matches a typed text as the search means it: a part, or the whole name, starts with it. */
    public static boolean matches(String name, String typed) {
        String q = normalise(typed);
        if (name == null || q.isEmpty()) {
            return false;
        }
        List<String> parts = parts(name);
        return String.join("", parts).startsWith(q) || parts.stream().anyMatch(p -> p.startsWith(q));
    }

    /** NFKC, katakana as hiragana, lower case, no spaces. */
    public static String normalise(String text) {
        return text == null ? "" : String.join("", parts(text));
    }

    private static List<String> parts(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(n.length());
        n.codePoints().map(NameTokens::hiragana).forEach(b::appendCodePoint);
        List<String> parts = new ArrayList<>();
        for (String p : b.toString().split("[\\s\\u3000・,]+")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    private static int hiragana(int c) {
        // ァ..ヶ and the iteration marks ヽヾ sit 0x60 above their hiragana.
        return (c >= 0x30A1 && c <= 0x30F6) || c == 0x30FD || c == 0x30FE ? c - 0x60 : c;
    }

    private static void addPrefixes(String part, Set<String> out) {
        int chars = part.codePointCount(0, part.length());
        for (int i = 1; i <= Math.min(chars, MAX_PREFIX); i++) {
            out.add(part.substring(0, part.offsetByCodePoints(0, i)));
        }
    }

    private static String truncate(String s, int codePoints) {
        return s.codePointCount(0, s.length()) <= codePoints ? s : s.substring(0, s.offsetByCodePoints(0, codePoints));
    }
}
