package dev.kizuna.admin.console;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The console's texts in Japanese or English ({@code kizuna/i18n/console_ja.properties}, {@code _en}, UTF-8).
 * Templates call it as {@code ${t("nav.customers")}} or with arguments {@code ${t("customers.found", n)}}
 * ({@link MessageFormat} patterns, so {@code ''} for an apostrophe). The result is plain text: FreeMarker escapes it like any value.
 */
public final class Messages implements TemplateMethodModelEx {
    private static final String BUNDLE = "kizuna.i18n.console";
    public static final Locale JA = Locale.JAPANESE;
    public static final Locale EN = Locale.ENGLISH;

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    public static Messages of(Locale locale) {
        Locale l = "en".equals(locale.getLanguage()) ? EN : JA;
        ResourceBundle b = ResourceBundle.getBundle(BUNDLE, l, Messages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Messages(b, l);
    }

    public Locale locale() {
        return locale;
    }

    public boolean has(String key) {
        return key != null && bundle.containsKey(key);
    }

    public Set<String> keys() {
        return bundle.keySet();
    }

    /** The text for {@code key}, formatted as a {@link MessageFormat} pattern with {@code args}. */
    public String text(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no console text " + key + " in " + locale, e);
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
