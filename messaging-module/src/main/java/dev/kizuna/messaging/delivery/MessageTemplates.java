package dev.kizuna.messaging.delivery;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.templates.Templates;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.core.text.LocalizedTexts;
import freemarker.core.ParseException;
import freemarker.template.Template;
import freemarker.template.TemplateException;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The merchant's own message templates (FreeMarker, per language, written in the console): the subject is plain
 * text, the body HTML with every value escaped. A rendered body goes inside the shop's frame
 * ({@code mail/messaging_<lang>.ftlh}), which adds the sender's identity and address (特定電子メール法) and, for a
 * marketing message, the unsubscribe link.
 */
public final class MessageTemplates {
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>|</p>");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

    private final Templates templates;
    private final MessagingSettings settings;

    public MessageTemplates(Templates templates, MessagingSettings settings) {
        this.templates = templates;
        this.settings = settings;
    }

    /** A message's subject and body in every language it has, parsed once. */
    public final class Compiled {
        private final Map<String, Template> subjects = new HashMap<>();
        private final Map<String, Template> bodies = new HashMap<>();
        private final Map<String, Template> frames = new HashMap<>();

        private Compiled() {
        }

        public Rendered render(String language, Map<String, ?> model) {
            return render(language, model, true);
        }

        /** The message in the language; its plain-text form only {@code withText} (a channel that shows it). */
        public Rendered render(String language, Map<String, ?> model, boolean withText) {
            String lang = subjects.containsKey(language) ? language : LocalizedText.JA;
            Locale locale = Locale.forLanguageTag(lang);
            String subject = process(subjects.get(lang), model, locale);
            String body = process(bodies.get(lang), model, locale);
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("subject", subject);
            frame.put("content", body);
            frame.put("senderName", settings.senderName());
            frame.put("senderAddress", settings.senderAddress());
            frame.put("senderContact", settings.senderContact());
            Object unsubscribe = model.get("unsubscribeUrl");
            if (unsubscribe != null) {
                frame.put("unsubscribeUrl", unsubscribe);
            }
            String html = process(frames.get(lang), frame, locale);
            return new Rendered(subject.strip(), html, withText ? text(subject, body, unsubscribe) : null);
        }

        /** The plain-text form (LINE): the body's text, then the sender and the way out. */
        private String text(String subject, String body, Object unsubscribe) {
            String plain = BLANK_LINES.matcher(TAG.matcher(LINE_BREAK.matcher(body).replaceAll("\n")).replaceAll("")
                    .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&amp;", "&")).replaceAll("\n\n").strip();
            StringBuilder t = new StringBuilder(subject.strip()).append("\n\n").append(plain).append("\n\n")
                    .append(settings.senderName()).append('\n').append(settings.senderAddress());
            if (unsubscribe != null) {
                t.append('\n').append(unsubscribe);
            }
            return t.toString();
        }
    }

    public record Rendered(String subject, String html, String text) {
    }

    /** Longest subject and body a merchant can write. */
    public static final int MAX_SUBJECT = 300;
    public static final int MAX_BODY = 100_000;

    /** A message's texts as the merchant wrote them, checked: both given, within length, parsing and rendering. */
    public record Texts(LocalizedText subject, LocalizedText body) {
    }

    /**
     * The check a broadcast's and a journey step's texts pass before anything is written: {@code subject} and
     * {@code body} required in a language, within length, and each template parses and renders for a sample
     * customer; a refusal names the field under {@code prefix} ({@code steps[1].body.en}).
     */
    public Texts check(String prefix, LocalizedText subject, LocalizedText body) {
        LocalizedText s = LocalizedTexts.required(prefix + "subject", subject, MAX_SUBJECT);
        LocalizedText b = LocalizedTexts.required(prefix + "body", body, MAX_BODY);
        tryOut(compile("check", s, b, prefix), prefix);
        return new Texts(s, b);
    }

    /**
     * Parses the texts; a template that does not parse is refused naming its field ({@code subject.ja}), under
     * {@code prefix} (the request's field that holds them).
     */
    public Compiled compile(String name, LocalizedText subject, LocalizedText body, String prefix) {
        Compiled c = new Compiled();
        for (Map.Entry<String, String> e : subject.asMap().entrySet()) {
            c.subjects.put(e.getKey(), parse(name + "-subject-" + e.getKey() + ".ftl",
                    "<#ftl output_format=\"plainText\">" + e.getValue(), prefix + "subject." + e.getKey()));
        }
        for (Map.Entry<String, String> e : body.asMap().entrySet()) {
            c.bodies.put(e.getKey(), parse(name + "-body-" + e.getKey() + ".ftlh", e.getValue(),
                    prefix + "body." + e.getKey()));
        }
        for (String lang : c.subjects.keySet()) {
            if (!c.bodies.containsKey(lang)) {
                throw new InvalidInput(prefix + "body." + lang, "required");
            }
            try {
                // looked up once: the shop's frame for this language, parsed and kept for every recipient
                c.frames.put(lang, templates.configuration().getTemplate("mail/messaging.ftlh", Locale.forLanguageTag(lang)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot load mail/messaging.ftlh: " + e.getMessage(), e);
            }
        }
        return c;
    }

    /**
     * Renders every language once with {@link Personalisation#SAMPLE}, so a template that parses but cannot render
     * (a misspelt variable) is refused when it is written, not when a send is under way.
     */
    public void tryOut(Compiled c, String prefix) {
        for (String lang : c.subjects.keySet()) {
            try {
                c.render(lang, Personalisation.SAMPLE);
            } catch (TemplateFailed e) {
                String part = e.template.contains("-subject-") ? "subject." : "body.";
                throw new InvalidInput(prefix + part + lang, "messaging.template-failed", e.getCause().getMessage()
                        .lines().findFirst().orElse(""));
            }
        }
    }

    private Template parse(String name, String source, String field) {
        try {
            return new Template(name, new StringReader(source), templates.configuration());
        } catch (ParseException e) {
            throw new InvalidInput(field, "messaging.template-invalid", e.getLineNumber(), e.getEditorMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String process(Template t, Map<String, ?> model, Locale locale) {
        try {
            StringWriter out = new StringWriter();
            var env = t.createProcessingEnvironment(model, out);
            env.setLocale(locale);
            env.process();
            return out.toString();
        } catch (TemplateException | IOException e) {
            throw new TemplateFailed(t.getName(), e);
        }
    }

    /** A template that parsed but failed on a recipient's values (a missing variable). */
    public static final class TemplateFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String template;

        TemplateFailed(String name, Exception cause) {
            super("message template " + name + " failed: " + cause.getMessage(), cause);
            this.template = name;
        }
    }
}
