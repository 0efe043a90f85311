package dev.kizuna.demo;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What the shop's pages say, in the shopper's language: the texts of {@code shop/i18n/shop_ja|en.properties}
 * ({@code t("key", args…)} in templates), and dates in the shop's time zone and money as a Japanese shop writes them
 * (2026年12月2日 / Dec 2, 2026; ¥12,345). Templates get the texts as {@code t} and the formats as {@code fmt}.
 */
public final class ShopTexts {
    static final List<String> LANGUAGES = List.of("ja", "en");
    private static final Map<String, Properties> BUNDLES = Map.of("ja", load("ja"), "en", load("en"));
    private static final Map<String, DateTimeFormatter> DATES = Map.of(
            "ja", DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE),
            "en", DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH));
    private static final Map<String, DateTimeFormatter> TIMES = Map.of(
            "ja", DateTimeFormatter.ofPattern("uuuu年M月d日 H:mm", Locale.JAPANESE),
            "en", DateTimeFormatter.ofPattern("MMM d, uuuu, h:mm a", Locale.ENGLISH));

    private final String lang;
    private final Locale locale;
    private final ZoneId zone;

    ShopTexts(Locale locale, ZoneId zone) {
        this.lang = "en".equals(locale.getLanguage()) ? "en" : "ja";
        this.locale = "en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE;
        this.zone = zone;
    }

    private static Properties load(String lang) {
        Properties p = new Properties();
        String name = "shop/i18n/shop_" + lang + ".properties";
        try (InputStream in = ShopTexts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The keys of a language's bundle (the bundle test compares them). */
    static java.util.Set<String> keys(String lang) {
        return BUNDLES.get(lang).stringPropertyNames();
    }

    String lang() {
        return lang;
    }

    Locale locale() {
        return locale;
    }

    /** The text of {@code key}; a key without text is an error, so a page never shows a raw key. */
    String text(String key, Object... args) {
        String pattern = BUNDLES.get(lang).getProperty(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no shop text " + key + " in " + lang);
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    boolean has(String key) {
        return BUNDLES.get(lang).containsKey(key);
    }

    /** A category's name, or the category itself when the shop has no text for it. */
    public String category(String category) {
        return has("category." + category) ? text("category." + category) : category;
    }

    public String date(Instant at) {
        return DATES.get(lang).format(at.atZone(zone));
    }

    public String dateTime(Instant at) {
        return TIMES.get(lang).format(at.atZone(zone));
    }

    /** Yen with the half-width sign in both languages: ¥12,345. */
    public String yen(long amount) {
        return (amount < 0 ? "\u2212" : "") + "¥" + NumberFormat.getIntegerInstance(Locale.JAPAN).format(Math.abs(amount));
    }

    public String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.JAPAN).format(n);
    }

    /** {@code t("key", args…)} for templates. */
    TemplateMethodModelEx method() {
        return this::exec;
    }

    private Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.isEmpty()) {
            throw new TemplateModelException("t(key, args…) needs a key");
        }
        Object[] args = new Object[arguments.size() - 1];
        for (int i = 1; i < arguments.size(); i++) {
            Object a = arguments.get(i);
            args[i - 1] = a instanceof TemplateNumberModel n ? n.getAsNumber()
                    : a instanceof TemplateScalarModel s ? s.getAsString() : String.valueOf(a);
        }
        String key = arguments.get(0) instanceof TemplateScalarModel s ? s.getAsString() : String.valueOf(arguments.get(0));
        try {
            return text(key, args);
        } catch (IllegalArgumentException e) {
            throw new TemplateModelException(e.getMessage(), e);
        }
    }
}
