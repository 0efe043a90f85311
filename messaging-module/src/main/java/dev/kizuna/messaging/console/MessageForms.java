package dev.kizuna.messaging.console;

import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.consent.Purpose;
import dev.kizuna.messaging.delivery.MessageTemplates;

import java.util.Locale;

/**
 * What the broadcast and journey forms read alike: a text per language, checked per field so that every missing or
 * overlong language is named at once; a message's subject and body, then tried as templates; the purpose; a time of
 * the shop's day.
 */
final class MessageForms {

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

}
