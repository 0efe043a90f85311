package dev.kizuna.core.crypto;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The pieces a name is found by, for a "contains" search over encrypted names (a clerk types 花子 or 田花 for 山田 花子).
 * A name is normalised (NFKC, so half-width kana and full-width latin fold; katakana to hiragana; latin
 * lower-cased) and its spaces dropped (family and given name, in whichever order the host sends them); every run of
 * up to {@link #MAX_PREFIX} characters of it, starting anywhere, is a token, and so is every run of each part (a
 * name typed across the order the host wrote it in, 花子山田, is not found). A search takes the typed text's first
 * {@code MAX_PREFIX} characters as one token and checks longer text on the decrypted names of the hits.
 */
public final class NameTokens {
    public static final int MAX_PREFIX = 8;

    private NameTokens() {
    }

    /** The tokens of a name (the normalised runs of its characters); empty for none. */
    public static Set<String> of(String name) {
        Set<String> out = new LinkedHashSet<>();
        if (name == null) {
            return out;
        }
        List<String> parts = parts(name);
        addRuns(String.join("", parts), out);
        return out;
    }

    /** The token a typed search text is looked up by: its normalised first characters; empty if nothing is left. */
    public static String query(String typed) {
        return truncate(normalise(typed), MAX_PREFIX);
    }

    /** Whether a name matches a typed text as the search means it: the name without its spaces contains it. */
    public static boolean matches(String name, String typed) {
        String q = normalise(typed);
        if (name == null || q.isEmpty()) {
            return false;
        }
        return normalise(name).contains(q);
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

    /** Every run of 1 to {@link #MAX_PREFIX} characters (code points) of the text. */
    private static void addRuns(String text, Set<String> out) {
        int[] cps = text.codePoints().toArray();
        for (int from = 0; from < cps.length; from++) {
            for (int to = from + 1; to <= Math.min(cps.length, from + MAX_PREFIX); to++) {
                out.add(new String(cps, from, to - from));
            }
        }
    }

    private static String truncate(String s, int codePoints) {
        return s.codePointCount(0, s.length()) <= codePoints ? s : s.substring(0, s.offsetByCodePoints(0, codePoints));
    }
}
