package dev.kizuna.core.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A text the shop writes once per language: Japanese and English today, any further language by its ISO 639 code.
 * {@link #get(Locale)} gives the shopper's or merchant's language and falls back to the other shop language (an
 * English reader of a text written only in Japanese reads the Japanese; a third language falls back to English, then
 * Japanese), so a page always shows something. In JSON it is an object of language to text:
 * {@code {"ja":"春のセール","en":"Spring sale"}}.
 */
public final class LocalizedText {
    public static final String JA = "ja";
    public static final String EN = "en";

    private final Map<String, String> texts;

    private LocalizedText(Map<String, String> texts) {
        this.texts = texts;
    }

    /** Japanese and English; either may be null or blank when the other is given. */
    public static LocalizedText of(String ja, String en) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(JA, ja);
        m.put(EN, en);
        return of(m);
    }

    /**
     * As read from JSON: an object with no text in any language ({@code {}}, {@code {"ja":" "}}) is no text (null),
     * so a required text is refused by its own check, naming the language, like a missing one.
     */
    @JsonCreator
    static LocalizedText fromJson(Map<String, String> texts) {
        boolean none = texts == null || texts.values().stream().allMatch(t -> t == null || t.isBlank());
        return none ? null : of(texts);
    }

    /** From language codes to texts; blank texts are left out, at least one must remain. */
    public static LocalizedText of(Map<String, String> texts) {
        Map<String, String> m = new LinkedHashMap<>();
        // Japanese first, English second, others in the order given: the stored and the API form read the same
        for (String lang : new String[]{JA, EN}) {
            String t = texts == null ? null : texts.get(lang);
            if (t != null && !t.isBlank()) {
                m.put(lang, t);
            }
        }
        if (texts != null) {
            texts.forEach((lang, t) -> {
                String key = lang == null ? "" : lang.strip().toLowerCase(Locale.ROOT);
                if (!key.isEmpty() && t != null && !t.isBlank()) {
                    m.putIfAbsent(key, t);
                }
            });
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException("a localized text needs at least one language");
        }
        return new LocalizedText(Collections.unmodifiableMap(m));
    }

    /** The text in {@code locale}'s language, else the fallback described above. */
    public String get(Locale locale) {
        return text(locale == null ? JA : locale.getLanguage());
    }

    /** {@link #get(Locale)} by language code, for templates: {@code name.text(lang)}. */
    public String text(String language) {
        String lang = language == null ? JA : language.toLowerCase(Locale.ROOT);
        String exact = texts.get(lang);
        if (exact != null) {
            return exact;
        }
        String first = lang.equals(EN) ? JA : EN;
        String second = first.equals(JA) ? EN : JA;
        String t = texts.get(first);
        if (t == null) {
            t = texts.get(second);
        }
        return t != null ? t : texts.values().iterator().next();
    }

    /** The text written in exactly this language, without falling back. */
    public Optional<String> exactly(String language) {
        return Optional.ofNullable(texts.get(language));
    }

    /** Japanese, falling back to English. */
    public String ja() {
        return text(JA);
    }

    /** English, falling back to Japanese. */
    public String en() {
        return text(EN);
    }

    /** Japanese and English both present (falling back one to the other), as the business's pages need them. */
    public LocalizedText withJaAndEn() {
        return of(ja(), en()).with(texts);
    }

    private LocalizedText with(Map<String, String> others) {
        Map<String, String> m = new LinkedHashMap<>(texts);
        others.forEach(m::putIfAbsent);
        return of(m);
    }

    @JsonValue
    public Map<String, String> asMap() {
        return texts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalizedText other && texts.equals(other.texts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(texts);
    }

    @Override
    public String toString() {
        return texts.toString();
    }
}
