package dev.kizuna.survey;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything the survey page and the profile widget say to a shopper, in Japanese and English
 * ({@code kizuna/survey/texts_ja.properties}, {@code texts_en.properties}, UTF-8). Any language other than English
 * reads Japanese, the shop's own language.
 */
public final class ShopperTexts {
    private static final Map<String, Map<String, String>> TEXTS = Map.of("ja", load("ja"), "en", load("en"));
    private static final DateTimeFormatter JA_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.JAPANESE);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private ShopperTexts() {
    }

    /** "en" for English (en, en-GB, EN ...), otherwise "ja". */
    public static String lang(String requested) {
        return requested != null && requested.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "ja";
    }

    public static String lang(Locale locale) {
        return lang(locale == null ? null : locale.getLanguage());
    }

    /** All texts of a language, for templates ({@code t["page.submit"]}). */
    public static Map<String, String> all(String lang) {
        return TEXTS.get(lang(lang));
    }

    /** One text with {@code {0}}, {@code {1}} ... replaced by {@code args}. */
    public static String text(String lang, String key, Object... args) {
        String t = all(lang).get(key);
        if (t == null) {
            throw new IllegalArgumentException("no shopper text " + key);
        }
        for (int i = 0; i < args.length; i++) {
            t = t.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return t;
    }

    public static String date(LocalDate date, String lang) {
        return (lang(lang).equals("en") ? EN_DATE : JA_DATE).format(date);
    }

    public static String number(long n, String lang) {
        return NumberFormat.getIntegerInstance(lang(lang).equals("en") ? Locale.ENGLISH : Locale.JAPANESE).format(n);
    }

    private static Map<String, String> load(String lang) {
        String name = "kizuna/survey/texts_" + lang + ".properties";
        try (InputStream in = ShopperTexts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> out = new TreeMap<>();
            p.forEach((k, v) -> out.put((String) k, (String) v));
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
