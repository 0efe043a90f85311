package dev.kizuna.loyalty.points;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** Describes a ledger entry in the shopper's language (bundle {@code kizuna/points_<lang>.properties}). */
final class LedgerText {
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private LedgerText() {
    }

    /** The bundle's text for {@code <kind>.<source>}, else for {@code <kind>}, else the kind's name. */
    static String describe(Locale locale, LedgerKind kind, String source, String orderRef, String reason) {
        ResourceBundle b = ResourceBundle.getBundle("kizuna.points",
                Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE, NO_FALLBACK);
        String name = kind.name();
        String key = b.containsKey(name + "." + source) ? name + "." + source : name;
        if (!b.containsKey(key)) {
            return name;
        }
        String detail = reason != null && !reason.isBlank() ? reason : source;
        return new MessageFormat(b.getString(key), locale).format(new Object[]{orderRef == null ? "" : orderRef, detail});
    }
}
