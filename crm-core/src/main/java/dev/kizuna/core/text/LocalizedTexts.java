package dev.kizuna.core.text;

import dev.kizuna.core.errors.InvalidInput;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checks a merchant's ja/en text goes through before it is kept (a rank's name, a survey's title, a choice's
 * label): each language stripped and at most so many characters, the shop languages present when the text is
 * required. A refusal names the language's field, {@code name.ja}, so a form shows it beside that input.
 */
public final class LocalizedTexts {

    private LocalizedTexts() {
    }

    /** From two inputs that may each be blank (a form's two fields); null when both are. */
    public static LocalizedText ofInputs(String ja, String en) {
        boolean none = (ja == null || ja.isBlank()) && (en == null || en.isBlank());
        return none ? null : LocalizedText.of(ja, en);
    }

    /** Japanese and English both written, each (and any further language) at most {@code max} characters. */
    public static LocalizedText required(String field, LocalizedText text, int max) {
        for (String lang : new String[]{LocalizedText.JA, LocalizedText.EN}) {
            if (text == null || text.exactly(lang).isEmpty()) {
                throw new InvalidInput(field + "." + lang, "required");
            }
        }
        return checked(field, text, max);
    }

    /**
     * Japanese written, English and any further language optional: a shop that writes only Japanese names still
     * shows them on its English pages ({@link LocalizedText#get} falls back), as point campaigns and coupons do.
     * Each language at most {@code max} characters.
     */
    public static LocalizedText japanese(String field, LocalizedText text, int max) {
        if (text == null || text.exactly(LocalizedText.JA).isEmpty()) {
            throw new InvalidInput(field + "." + LocalizedText.JA, "required");
        }
        return checked(field, text, max);
    }

    /** Absent, or each language written at most {@code max} characters. */
    public static LocalizedText optional(String field, LocalizedText text, int max) {
        return text == null ? null : checked(field, text, max);
    }

    private static LocalizedText checked(String field, LocalizedText text, int max) {
        Map<String, String> out = new LinkedHashMap<>();
        text.asMap().forEach((lang, t) -> {
            String s = t.strip();
            if (s.codePointCount(0, s.length()) > max) {
                throw new InvalidInput(field + "." + lang, "too-long", max);
            }
            out.put(lang, s);
        });
        return LocalizedText.of(out);
    }
}
