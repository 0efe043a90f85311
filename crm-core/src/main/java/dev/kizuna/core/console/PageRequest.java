package dev.kizuna.core.console;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.core.text.LocalizedTexts;
import dev.kizuna.core.web.AdminSession;
import dev.kizuna.core.web.PathTemplate;
import dev.kizuna.core.web.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One console request as a page handler sees it: who, which language, path and form values, the kernel. */
public final class PageRequest {
    private final HttpServletRequest http;
    private final Map<String, String> params;
    private final AdminSession admin;
    private final KizunaRuntime runtime;
    private final Messages messages;
    private final Formats formats;
    private final String base;
    private final Fragments fragments;

    /** Renders a template with the console's common model (texts, formats, links) into HTML to put in a page. */
    @FunctionalInterface
    public interface Fragments {
        String render(PageRequest request, String template, Map<String, Object> model);
    }

    public PageRequest(HttpServletRequest http, Map<String, String> params, AdminSession admin, KizunaRuntime runtime,
                       Messages messages, Formats formats, String base, Fragments fragments) {
        this.fragments = fragments;
        this.http = http;
        this.params = params;
        this.admin = admin;
        this.runtime = runtime;
        this.messages = messages;
        this.formats = formats;
        this.base = base;
    }

    public HttpServletRequest http() {
        return http;
    }

    public KizunaRuntime runtime() {
        return runtime;
    }

    public KizunaContext ctx() {
        return runtime.context();
    }

    /** A module's service for this page; a module that is not installed shows as such instead of failing. */
    public <T> T port(Class<T> type) {
        return runtime.context().ports().find(type).orElseThrow(() -> new ModuleMissing(type));
    }

    public <T> Optional<T> optionalPort(Class<T> type) {
        return runtime.context().ports().find(type);
    }

    /** The signed-in console user (every non-public route has one). */
    public AdminSession admin() {
        if (admin == null) {
            throw new IllegalStateException("no console user on a public route");
        }
        return admin;
    }

    public Optional<AdminSession> maybeAdmin() {
        return Optional.ofNullable(admin);
    }

    public String actor() {
        return admin().username();
    }

    public Role role() {
        return admin().role();
    }

    public boolean hasRole(Role... roles) {
        if (admin == null) {
            return false;
        }
        for (Role r : roles) {
            if (admin.role() == r) {
                return true;
            }
        }
        return false;
    }

    public Messages messages() {
        return messages;
    }

    public Formats formats() {
        return formats;
    }

    public Locale locale() {
        return messages.locale();
    }

    /**
     * {@code template} under {@code kizuna/templates/console/} rendered with the page's common model and
     * {@code model}, as markup for a page that includes it (a dashboard or 360° section).
     */
    public String fragment(String template, Map<String, Object> model) {
        return fragments.render(this, template, model);
    }

    /** Context path + {@code /crm/admin}, for links. */
    public String base() {
        return base;
    }

    public String path(String name) {
        return PathTemplate.parameter(params, name);
    }

    public long pathLong(String name) {
        return PathTemplate.idParameter(params, name);
    }

    /** A query or form value, trimmed; blank reads as absent. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(http.getParameter(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A text typed per language, in fields {@code <name>.ja} and {@code <name>.en}; null when both are blank. */
    public LocalizedText localized(String name) {
        return LocalizedTexts.ofInputs(param(name + ".ja").orElse(null), param(name + ".en").orElse(null));
    }

    /** A value exactly as typed (passwords, texts whose spaces matter). */
    public String raw(String name) {
        String v = http.getParameter(name);
        return v == null ? "" : v;
    }

    public String[] params(String name) {
        String[] v = http.getParameterValues(name);
        return v == null ? new String[0] : v;
    }

    public boolean flag(String name) {
        return param(name).map(v -> v.equals("on") || v.equals("true") || v.equals("1")).orElse(false);
    }

    /** A page number or similar: absent or unreadable gives {@code fallback}, the result is clamped to [min, max]. */
    public int intParam(String name, int fallback, int min, int max) {
        try {
            int v = param(name).map(Integer::parseInt).orElse(fallback);
            return Math.max(min, Math.min(max, v));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Every submitted value by name (first value), to refill a form shown again with its errors. */
    public Map<String, String> formValues() {
        Map<String, String> values = new HashMap<>();
        http.getParameterMap().forEach((k, v) -> {
            if (v.length > 0 && !k.equals(AdminSession.CSRF_FIELD) && !k.toLowerCase(Locale.ROOT).contains("password")) {
                values.put(k, v[0]);
            }
        });
        return values;
    }

    public String clientAddress() {
        return http.getRemoteAddr();
    }

    public HttpSession session() {
        return http.getSession(true);
    }

    /** A message shown once on the next page (after a redirect; the console keeps it for whichever node serves it). */
    public void flash(String kind, String text) {
        http.setAttribute(Flash.ATTRIBUTE, new Flash(kind, text));
    }

    public void flashKey(String kind, String key, Object... args) {
        flash(kind, messages.text(key, args));
    }

    /** A feature module's service is not installed: the page says so instead of failing. */
    public static final class ModuleMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ModuleMissing(Class<?> port) {
            super(port.getSimpleName());
        }
    }
}
