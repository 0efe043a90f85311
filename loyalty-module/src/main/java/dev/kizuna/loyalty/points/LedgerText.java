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

    /**
     * The bundle's text for {@code <kind>.<source>}, else for {@code <kind>}, else the kind's name. An adjustment says
     * its note to the shopper ({@code ADJUST.NOTE}) or only that it is one ({@code ADJUST}), never the staff's reason.
     */
    static String describe(Locale locale, LedgerKind kind, String source, String orderRef, String reason, String note) {
        ResourceBundle b = ResourceBundle.getBundle("kizuna.points",
                Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE, NO_FALLBACK);
        String name = kind.name();
        if (kind == LedgerKind.ADJUST && b.containsKey("ADJUST." + source)) {
            // an adjustment the system made for a reason of its own (a merge paying debt from available points)
            return b.getString("ADJUST." + source);
        }
        if (kind == LedgerKind.ADJUST) {
            return note == null || note.isBlank() ? b.getString("ADJUST")
                    : new MessageFormat(b.getString("ADJUST.NOTE"), locale).format(new Object[]{"", note});
        }
        String key = b.containsKey(name + "." + source) ? name + "." + source : name;
        if (!b.containsKey(key)) {
            return name;
        }
        String detail = reason != null && !reason.isBlank() ? reason : source;
        return new MessageFormat(b.getString(key), locale).format(new Object[]{orderRef == null ? "" : orderRef, detail});
    }
}
