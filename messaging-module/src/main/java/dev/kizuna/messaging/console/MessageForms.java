package dev.kizuna.messaging.console;

import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.consent.Purpose;
import dev.kizuna.messaging.delivery.MessageTemplates;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What the broadcast and journey forms read alike: a text per language, checked per field so that every missing or
 * overlong language is named at once; a message's subject and body, then tried as templates; the purpose; a time of
 * the shop's day.
 */
final class MessageForms {
    static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private MessageForms() {
    }

    /** {@code <name>.ja} and {@code <name>.en}, both required, each at most {@code max} characters; null on an error. */
    static LocalizedText bothLanguages(PageRequest r, FormErrors errors, String name, int max) {
        String ja = errors.text(r, name + "." + LocalizedText.JA, true, max);
        String en = errors.text(r, name + "." + LocalizedText.EN, true, max);
        return ja == null || en == null ? null : LocalizedText.of(ja, en);
    }

    /**
     * A message's subject and body in both languages under {@code prefix} ({@code subject.ja}, {@code s1.body.en}),
     * tried as templates once all four are there; null on an error.
     */
    static MessageTemplates.Texts message(PageRequest r, FormErrors errors, MessageTemplates templates, String prefix) {
        LocalizedText subject = bothLanguages(r, errors, prefix + "subject", MessageTemplates.MAX_SUBJECT);
        LocalizedText body = bothLanguages(r, errors, prefix + "body", MessageTemplates.MAX_BODY);
        if (subject == null || body == null) {
            return null;
        }
        try {
            return templates.check(prefix, subject, body);
        } catch (InvalidInput e) {
            errors.add(e);
            return null;
        }
    }

    static Purpose purpose(PageRequest r, FormErrors errors) {
        String typed = r.param("purpose").orElse("marketing");
        try {
            return Purpose.valueOf(typed.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("purpose", "messaging.unknown-choice");
            return Purpose.MARKETING;
        }
    }

    /** A shop-time date and time as a browser's datetime field sends it (or typed with a space); a date is midnight. */
    static Instant shopTime(PageRequest r, FormErrors errors, String field) {
        String v = r.param(field).orElse(null);
        if (v == null) {
            return null;
        }
        ZoneId zone = r.ctx().zone();
        String s = v.replace(' ', 'T');
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(zone).toInstant();
            }
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(field, "error.datetime");
            return null;
        }
    }

    /** The value of a datetime field for {@code at} in shop time. */
    static String inputValue(Instant at, ZoneId zone) {
        return at == null ? "" : INPUT.format(at.atZone(zone));
    }
}
