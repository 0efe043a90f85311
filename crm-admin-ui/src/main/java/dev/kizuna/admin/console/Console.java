package dev.kizuna.admin.console;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.console.Assets;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.Flash;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.errors.TooManyAttempts;
import dev.kizuna.core.web.AdminSession;
import dev.kizuna.core.web.Callers;
import dev.kizuna.core.web.CrmPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merchant console for one running Kizuna: the pages the shell and every installed feature module registered
 * (through {@code ctx.console()}) and the rules every page obeys. A page needs a signed-in
 * user (else: to the sign-in page) with one of the route's roles (else: 403); every POST carries the session's
 * CSRF token (else: 403, nothing changes); pages are rendered completely before anything is sent, and never cached.
 */
public final class Console {
    private static final Logger log = LoggerFactory.getLogger(Console.class);

    private final KizunaRuntime runtime;
    private final ConsoleRoutes routes;
    private final ConsoleSessions sessions;

    public Console(KizunaRuntime runtime) {
        this.runtime = runtime;
        this.routes = runtime.context().console().pages();
        this.sessions = ConsoleSessions.of(runtime.context());
    }

    public KizunaRuntime runtime() {
        return runtime;
    }

    public ConsoleRoutes routes() {
        return routes;
    }

    public ConsoleSessions sessions() {
        return sessions;
    }

    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Vary", "Cookie");
        String base = req.getContextPath() + CrmPaths.CONSOLE;
        String path = Optional.ofNullable(req.getPathInfo()).orElse("");
        if (path.isEmpty()) {
            resp.sendRedirect(base + "/");
            return;
        }
        ConsoleSessions.Current current = sessions.current(req);
        ConsoleSessions.sendCookie(req, resp);
        AdminSession admin = current.admin().orElse(null);
        Messages messages = Messages.of(ConsoleSessions.locale(req));
        Formats formats = new Formats(messages.locale(), runtime.context().zone(), runtime.context().host().shopCurrency());
        List<String> allowed = new ArrayList<>();
        Optional<ConsoleRoutes.Match> match = routes.match(req.getMethod(), path, allowed);
        PageRequest request = new PageRequest(req, match.map(ConsoleRoutes.Match::params).orElse(Map.of()), admin,
                runtime, messages, formats, base, this::fragment);
        if (match.isEmpty()) {
            if (admin == null) {
                toLogin(req, resp, base, current.ended());
            } else if (!allowed.isEmpty()) {
                resp.setHeader("Allow", String.join(", ", allowed));
                error(request, resp, 405, "error.method");
            } else {
                error(request, resp, 404, "error.not-found");
            }
            return;
        }
        ConsoleRoutes.Route route = match.get().route();
        if (!route.isPublic()) {
            if (admin == null) {
                if (req.getMethod().equals("GET")) {
                    toLogin(req, resp, base, current.ended());
                } else {
                    error(request, resp, 401, "error.signed-out");
                }
                return;
            }
            if (!route.roles().contains(admin.role())) {
                error(request, resp, 403, "error.forbidden");
                return;
            }
            if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD") && !Callers.csrfOk(req)) {
                error(request, resp, 403, "error.csrf");
                return;
            }
        }
        PageResult result;
        try {
            result = route.handler().handle(request);
        } catch (PageRequest.ModuleMissing e) {
            Map<String, Object> model = new HashMap<>();
            model.put("service", e.getMessage());
            result = PageResult.view("module-missing.ftlh", model);
        } catch (NotFound e) {
            error(request, resp, 404, "error.not-found");
            return;
        } catch (InvalidInput e) {
            error(request, resp, 400, "error.invalid", e.detail(messages.locale()));
            return;
        } catch (Conflict e) {
            error(request, resp, 409, "error.conflict", messages.textOrSelf(e.getMessage()));
            return;
        } catch (TooManyAttempts e) {
            resp.setHeader("Retry-After", Long.toString(e.seconds()));
            error(request, resp, 429, "error.too-many", e.text(messages.locale()));
            return;
        } catch (Exception e) {
            log.error("console {} {} failed", req.getMethod(), path, e);
            error(request, resp, 500, "error.internal");
            return;
        }
        send(request, resp, result);
    }

    private void send(PageRequest request, HttpServletResponse resp, PageResult result) throws IOException {
        ConsoleSessions.sendCookie(request.http(), resp);
        if (result instanceof PageResult.Redirect r) {
            if (request.http().getAttribute(Flash.ATTRIBUTE) instanceof Flash f) {
                sessions.keepFlash(request.http(), f);
            }
            resp.sendRedirect(request.base() + r.location());
        } else if (result instanceof PageResult.Download d) {
            resp.setContentType(d.contentType());
            resp.setHeader("Content-Disposition", "attachment; filename=\"" + d.filename().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
            resp.setContentLength(d.body().length);
            resp.getOutputStream().write(d.body());
        } else if (result instanceof PageResult.Html h) {
            write(resp, 200, h.html());
        } else if (result instanceof PageResult.View v) {
            String html;
            try {
                html = render(request, v.template(), v.model());
            } catch (RuntimeException e) {
                log.error("console page {} failed to render", v.template(), e);
                error(request, resp, 500, "error.internal");
                return;
            }
            if (v.model().get(PageResult.RETRY_AFTER) instanceof Long seconds) {
                resp.setHeader("Retry-After", Long.toString(seconds));
            }
            write(resp, v.status(), html);
        }
    }

    private String render(PageRequest request, String template, Map<String, Object> pageModel) {
        Map<String, Object> model = commonModel(request, pageModel);
        if (request.http().getAttribute(Flash.ATTRIBUTE) instanceof Flash f) {
            model.put("flash", f); // set by this request's handler, shown on its own page
        } else {
            sessions.takeFlash(request.http()).ifPresent(f -> model.put("flash", f));
        }
        return runtime.context().templates().render("console/" + template, request.locale(), model);
    }

    /** A section of a page (dashboard, 360°) rendered with the page's common model; no flash is taken. */
    private String fragment(PageRequest request, String template, Map<String, Object> fragmentModel) {
        return runtime.context().templates().render("console/" + template, request.locale(),
                commonModel(request, fragmentModel));
    }

    private Map<String, Object> commonModel(PageRequest request, Map<String, Object> pageModel) {
        Map<String, Object> model = new HashMap<>(pageModel);
        HttpServletRequest req = request.http();
        model.put("t", request.messages());
        model.put("fmt", request.formats());
        model.put("lang", request.locale().getLanguage());
        model.put("base", request.base());
        model.put("crm", req.getContextPath() + CrmPaths.ROOT);
        model.put("assets", new Assets(req.getContextPath()));
        model.put("currentPath", Optional.ofNullable(req.getPathInfo()).orElse("/"));
        model.putIfAbsent("errors", Map.of());
        model.putIfAbsent("values", Map.of());
        request.maybeAdmin().ifPresent(a -> {
            model.put("admin", a);
            model.put("csrf", a.csrfToken());
            model.put("nav", runtime.context().console().navigation().forRole(a.role()));
        });
        return model;
    }

    private void toLogin(HttpServletRequest req, HttpServletResponse resp, String base, ConsoleSessions.Ended ended)
            throws IOException {
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        String query = req.getQueryString();
        String next = path + (query == null ? "" : "?" + query);
        String location = base + "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)
                + (ended == ConsoleSessions.Ended.EXPIRED ? "&expired=1" : "");
        resp.sendRedirect(location);
    }

    private void error(PageRequest request, HttpServletResponse resp, int status, String key, Object... detail)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("messageKey", key);
        model.put("detail", detail.length == 0 ? null : String.valueOf(detail[0]));
        String html;
        try {
            html = render(request, "error.ftlh", model);
        } catch (RuntimeException e) {
            log.error("console error page failed to render", e);
            resp.setStatus(status);
            resp.setContentType("text/plain; charset=UTF-8");
            resp.getWriter().write(status + " " + key);
            return;
        }
        write(resp, status, html);
    }

    private static void write(HttpServletResponse resp, int status, String html) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html; charset=UTF-8");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
