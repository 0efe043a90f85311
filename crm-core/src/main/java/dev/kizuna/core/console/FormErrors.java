package dev.kizuna.core.console;

import dev.kizuna.core.errors.InvalidInput;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Server-side validation results of one form, by field name; templates show each beside its field
 * ({@code errors["name"]}): console keys in the admin's language, a service's {@link InvalidInput} as its problem text
 * in that language.
 */
public final class FormErrors {
    private static final DateTimeFormatter SHOP_TIME_FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Messages messages;

    public FormErrors(Messages messages) {
        this.messages = messages;
    }

    public FormErrors add(String field, String keyOrText, Object... args) {
        errors.putIfAbsent(field, messages.has(keyOrText) ? messages.text(keyOrText, args) : keyOrText);
        return this;
    }

    /** A service's refusal, put beside the field it names (or on the form as a whole under {@code _form}). */
    public FormErrors add(InvalidInput e) {
        return add(e, UnaryOperator.identity());
    }

    /**
     * A service's refusal beside the form field that holds its value, when the form names fields differently from
     * the service (a list typed one per line is refused as {@code perks[2]} but typed into {@code perks}).
     */
    public FormErrors add(InvalidInput e, UnaryOperator<String> formField) {
        String field = e.field() == null || e.field().isBlank() ? "_form" : formField.apply(e.field());
        errors.putIfAbsent(field, e.text(messages.locale()));
        return this;
    }

    /** {@code options[2].key} → {@code options}: the list field that holds the item. */
    public static String listField(String field) {
        int i = field.indexOf('[');
        return i < 0 ? field : field.substring(0, i);
    }

    public boolean any() {
        return !errors.isEmpty();
    }

    public Map<String, String> asMap() {
        return errors;
    }

    /** Reads a whole number, noting an error for anything else; null when absent and not required. */
    public Long longValue(PageRequest r, String field, boolean required, long min, long max) {
        String v = r.param(field).orElse(null);
        if (v == null) {
            if (required) {
                add(field, "error.required");
            }
            return null;
        }
        try {
            long n = Long.parseLong(v.replace(",", ""));
            if (n < min || n > max) {
                add(field, "error.range", min, max);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            add(field, "error.whole-number");
            return null;
        }
    }

    public Integer intValue(PageRequest r, String field, boolean required, int min, int max) {
        Long v = longValue(r, field, required, min, max);
        return v == null ? null : v.intValue();
    }

    public String text(PageRequest r, String field, boolean required, int maxLength) {
        String v = r.param(field).orElse(null);
        if (v == null) {
            if (required) {
                add(field, "error.required");
            }
            return null;
        }
        if (v.length() > maxLength) {
            add(field, "error.too-long", maxLength);
            return null;
        }
        return v;
    }

    /**
     * A shop-time date and time as a browser's datetime field sends it or a person types it (a space for the T); a
     * date alone is midnight.
     */
    public Instant shopTime(PageRequest r, String field, boolean required) {
        String v = r.param(field).orElse(null);
        if (v == null) {
            if (required) {
                add(field, "error.required");
            }
            return null;
        }
        ZoneId zone = r.ctx().zone();
        String s = v.strip().replace(' ', 'T');
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(zone).toInstant();
            }
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            add(field, "error.datetime");
            return null;
        }
    }

    /** The value a datetime field shows for {@code at}, in shop time; empty for none. */
    public static String shopTimeValue(Instant at, ZoneId zone) {
        return at == null ? "" : SHOP_TIME_FIELD.format(at.atZone(zone));
    }
}
