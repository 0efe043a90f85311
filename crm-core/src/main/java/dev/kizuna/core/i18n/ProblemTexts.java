package dev.kizuna.core.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The texts that explain problems to people (a refused field, a problem's title), in Japanese and in English.
 * Every module jar ships its own {@code kizuna/i18n/problems_ja.properties} and {@code problems_en.properties}
 * (UTF-8, {@link MessageFormat} patterns, so {@code ''} for an apostrophe); this catalog merges all of them found on
 * the class path. A key defined by two files of one language is an error at load, so modules cannot silently
 * override each other.
 *
 * <p>Keys: a problem such as {@code required} or {@code rank.code-taken}; a field label {@code field.<path>} with
 * list indexes left out ({@code field.lines.sku} labels {@code lines[2].sku}); {@code detail} puts a label and a
 * text together; {@code title.*} are the API's problem titles.
 */
public final class ProblemTexts {
    public static final Locale JA = Locale.JAPANESE;
    public static final Locale EN = Locale.ENGLISH;
    public static final List<Locale> LOCALES = List.of(JA, EN);
    static final String RESOURCE = "kizuna/i18n/problems_";

    private static final Map<ClassLoader, ProblemTexts> LOADED = Collections.synchronizedMap(new HashMap<>());

    private final Map<Locale, Map<String, String>> patterns;

    private ProblemTexts(Map<Locale, Map<String, String>> patterns) {
        this.patterns = patterns;
    }

    /** An argument said differently in each language, e.g. a rank's name: {@code new Localized("ゴールド", "Gold")}. */
    public record Localized(String ja, String en) {
        public String in(Locale locale) {
            return "en".equals(supported(locale).getLanguage()) ? en : ja;
        }

        @Override
        public String toString() {
            return en;
        }
    }

    /** An argument that names another field, shown by its label: "must be after {0}" with {@code new Field("startsAt")}. */
    public record Field(String path) {
        @Override
        public String toString() {
            return path;
        }
    }

    /** The catalog of the class loader that loaded Kizuna, read once. */
    public static ProblemTexts shared() {
        ClassLoader loader = ProblemTexts.class.getClassLoader();
        return LOADED.computeIfAbsent(loader, ProblemTexts::load);
    }

    /** Merges every {@code kizuna/i18n/problems_<lang>.properties} that {@code loader} finds. */
    public static ProblemTexts load(ClassLoader loader) {
        Map<Locale, Map<String, String>> all = new HashMap<>();
        for (Locale locale : LOCALES) {
            Map<String, String> texts = new TreeMap<>();
            Map<String, URL> origin = new HashMap<>();
            try {
                Enumeration<URL> files = loader.getResources(RESOURCE + locale.getLanguage() + ".properties");
                while (files.hasMoreElements()) {
                    URL url = files.nextElement();
                    Properties p = read(url);
                    for (String key : p.stringPropertyNames()) {
                        URL before = origin.putIfAbsent(key, url);
                        if (before != null) {
                            throw new IllegalStateException("problem text " + key + " (" + locale.getLanguage()
                                    + ") is defined twice: in " + before + " and in " + url);
                        }
                        texts.put(key, p.getProperty(key));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the problem texts", e);
            }
            all.put(locale, Collections.unmodifiableMap(texts));
        }
        return new ProblemTexts(Map.copyOf(all));
    }

    private static Properties read(URL url) throws IOException {
        Properties p = new Properties();
        try (InputStream in = url.openStream(); Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** Japanese unless English is asked for (the two languages Kizuna speaks). */
    public static Locale supported(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? EN : JA;
    }

    public Set<String> keys(Locale locale) {
        return patterns.get(supported(locale)).keySet();
    }

    public boolean has(String key) {
        return patterns.get(EN).containsKey(key) && patterns.get(JA).containsKey(key);
    }

    /**
     * The text of {@code key} with {@code args}; an unknown key is shown as itself with its arguments, so a
     * forgotten text never turns a refusal into an error (the catalog tests keep that from happening).
     */
    public String text(Locale locale, String key, Object... args) {
        Locale l = supported(locale);
        String pattern = patterns.get(l).get(key);
        if (pattern == null) {
            return args.length == 0 ? key : key + " " + java.util.Arrays.toString(args);
        }
        Object[] values = args.clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Localized localized) {
                values[i] = localized.in(l);
            } else if (values[i] instanceof Field field) {
                values[i] = label(l, field.path());
            }
        }
        return new MessageFormat(pattern, l).format(values);
    }

    /** The label of a field path ({@code lines[0].sku} → {@code field.lines.sku}), else the path itself. */
    public String label(Locale locale, String field) {
        if (field == null || field.isBlank()) {
            return "";
        }
        String key = "field." + field.replaceAll("\\[[^]]*]", "");
        String label = patterns.get(supported(locale)).get(key);
        return label != null ? label : field;
    }

    /** A refusal as a sentence naming the field by its label: 「SKU：必須です」, "SKU: is required". */
    public String detail(Locale locale, String field, String key, Object... args) {
        String text = text(locale, key, args);
        return field == null || field.isBlank() ? text : text(locale, "detail", label(locale, field), text);
    }
}
