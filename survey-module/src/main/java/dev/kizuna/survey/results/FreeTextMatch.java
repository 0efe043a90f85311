package dev.kizuna.survey.results;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Matching a free-text search against decrypted answers: every word of the query must occur, compared after NFKC
 * normalisation and lower-casing, so full-width "ＡＢＣ" finds "abc" and half-width katakana finds full-width.
 */
final class FreeTextMatch {
    private final List<String> terms;

    FreeTextMatch(String query) {
        this.terms = query == null ? List.of() : Arrays.stream(normalise(query).split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
    }

    boolean matches(String text) {
        if (terms.isEmpty()) {
            return true;
        }
        String n = normalise(text);
        return terms.stream().allMatch(n::contains);
    }

    static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
