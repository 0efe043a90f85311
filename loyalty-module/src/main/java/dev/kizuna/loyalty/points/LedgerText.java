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

    static String describe(Locale locale, String kind, String source, String orderRef, String reason) {
        ResourceBundle b = ResourceBundle.getBundle("kizuna.points",
                Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE, NO_FALLBACK);
        String key = b.containsKey(kind + "." + source) ? kind + "." + source : kind;
        if (!b.containsKey(key)) {
            return kind;
        }
        String detail = reason != null && !reason.isBlank() ? reason : source;
        return new MessageFormat(b.getString(key), locale).format(new Object[]{orderRef == null ? "" : orderRef, detail});
    }
}
