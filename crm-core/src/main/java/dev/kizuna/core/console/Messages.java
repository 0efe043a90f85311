package dev.kizuna.core.console;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The console's and shopper views' texts in Japanese or English. Every module ships its own
 * {@code kizuna/i18n/console_ja.properties} and {@code _en} (UTF-8) beside its pages; the texts of every jar on the
 * classpath are merged, and a key defined by two jars is an error. Templates call it as
 * {@code ${t("nav.customers")}} or with arguments {@code ${t("customers.found", n)}} ({@link MessageFormat} patterns,
 * so {@code ''} for an apostrophe). The result is plain text: FreeMarker escapes it like any value.
 */
public final class Messages implements TemplateMethodModelEx {
    private static final String BUNDLE = "kizuna/i18n/console";
    public static final Locale JA = Locale.JAPANESE;
    public static final Locale EN = Locale.ENGLISH;
    private static final Map<Locale, Map<String, String>> TEXTS = new ConcurrentHashMap<>();

    private final Map<String, String> texts;
    private final Locale locale;

    private Messages(Map<String, String> texts, Locale locale) {
        this.texts = texts;
        this.locale = locale;
    }

    public static Messages of(Locale locale) {
        Locale l = locale != null && "en".equals(locale.getLanguage()) ? EN : JA;
        return new Messages(TEXTS.computeIfAbsent(l, Messages::load), l);
    }

    /** Every jar's {@code console_<lang>.properties}, merged; which file defines each key is checked to be one. */
    private static Map<String, String> load(Locale locale) {
        String name = BUNDLE + "_" + locale.getLanguage() + ".properties";
        Map<String, String> merged = new HashMap<>();
        Map<String, URL> origin = new HashMap<>();
        try {
            Enumeration<URL> files = Messages.class.getClassLoader().getResources(name);
            while (files.hasMoreElements()) {
                URL url = files.nextElement();
                Properties p = new Properties();
                try (Reader in = new InputStreamReader(url.openStream(), StandardCharsets.UTF_8)) {
                    p.load(in);
                }
                for (String key : p.stringPropertyNames()) {
                    URL first = origin.putIfAbsent(key, url);
                    if (first != null && !first.equals(url)) {
                        throw new IllegalStateException("console text " + key + " is defined in " + first + " and " + url);
                    }
                    merged.put(key, p.getProperty(key));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        return Map.copyOf(merged);
    }

    public Locale locale() {
        return locale;
    }

    public boolean has(String key) {
        return key != null && texts.containsKey(key);
    }

    public Set<String> keys() {
        return texts.keySet();
    }

    /** The text for {@code key}, formatted as a {@link MessageFormat} pattern with {@code args}. */
    public String text(String key, Object... args) {
        String pattern = texts.get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no console text " + key + " in " + locale);
        }
        // Always a MessageFormat pattern, so an apostrophe is written '' in every text, with or without arguments.
        return new MessageFormat(pattern, locale).format(args);
    }

    /** A message key if it is one, else the text as given (a conflict's English message, say). */
    public String textOrSelf(String keyOrText) {
        return has(keyOrText) ? text(keyOrText) : keyOrText;
    }

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.isEmpty()) {
            throw new TemplateModelException("t(key, args...) needs a key");
        }
        List<Object> values = new ArrayList<>();
        for (Object a : arguments) {
            values.add(a instanceof TemplateModel m ? DeepUnwrap.unwrap(m) : a);
        }
        String key = String.valueOf(values.get(0));
        try {
            return text(key, values.subList(1, values.size()).toArray());
        } catch (IllegalArgumentException e) {
            throw new TemplateModelException(e.getMessage(), e);
        }
    }
}
