package dev.kizuna.core.console;

import java.util.Map;

/** What a console page handler answers: a rendered view, a redirect (after a POST), or a file to download. */
public sealed interface PageResult {
    /** A 429 view's model entry (a {@code Long} of seconds) that the console sends as Retry-After. */
    String RETRY_AFTER = "retryAfterSeconds";

    /** {@code template} under {@code kizuna/templates/console/}, e.g. {@code customers/search.ftlh}. */
    record View(String template, Map<String, Object> model, int status) implements PageResult {
    }

    /** {@code location} inside the console, e.g. {@code /customers/C-1}; the console prefixes its base path. */
    record Redirect(String location) implements PageResult {
    }

    /** A complete HTML document made elsewhere (a survey preview as the shopper will see it). */
    record Html(String html) implements PageResult {
    }

    record Download(String filename, String contentType, byte[] body) implements PageResult {
    }

    static View view(String template, Map<String, Object> model) {
        return new View(template, model, 200);
    }

    static View view(String template, Map<String, Object> model, int status) {
        return new View(template, model, status);
    }

    static Redirect redirect(String location) {
        return new Redirect(location);
    }
}
