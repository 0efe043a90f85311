package dev.kizuna.core.web;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.errors.TooManyAttempts;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /crm/api/*}: JSON in, JSON out, errors as problem bodies. Access is checked per route before the handler
 * runs; changes from a console session need its CSRF token, changes from a shopper's cookie session need a JSON
 * content type (which a cross-site form cannot send). Problems are told in the caller's language
 * ({@link #problemLocale}): a refused field as {@code field} (its JSON path), {@code code} (the problem text's key) and
 * a {@code detail} that names the field by its label.
 */
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(ApiServlet.class);

    private final transient Supplier<ApiRoutes> routes;
    private final transient Supplier<Callers> callers;

    public ApiServlet(Supplier<ApiRoutes> routes, Supplier<Callers> callers) {
        this.routes = routes;
        this.callers = callers;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        String method = req.getMethod();
        Locale lang = problemLocale(req);
        ProblemTexts texts = ProblemTexts.shared();
        try {
            List<String> allowed = new ArrayList<>();
            Optional<ApiRoutes.Match> match = routes.get().match(method, path, allowed);
            if (match.isEmpty()) {
                if (!allowed.isEmpty()) {
                    resp.setHeader("Allow", String.join(", ", allowed));
                    Problem.of(405, texts.text(lang, "title.method"),
                            texts.text(lang, "api.method-not-allowed", method, path)).write(resp);
                } else {
                    Problem.of(404, texts.text(lang, "title.not-found"), texts.text(lang, "api.no-route", path)).write(resp);
                }
                return;
            }
            Caller caller = callers.get().resolve(req);
            Access access = match.get().route().access();
            Optional<Problem> denied = check(access, caller, req, texts, lang);
            if (denied.isPresent()) {
                denied.get().write(resp);
                return;
            }
            routes.get().checkGuards(match.get(), lang);
            Object result = match.get().route().handler().handle(new ApiRequest(req, match.get().params(), caller));
            write(resp, result);
        } catch (InvalidInput e) {
            Problem.of(400, texts.text(lang, "title.invalid"), e.detail(lang)).withField(e.field()).withCode(e.key())
                    .write(resp);
        } catch (NotFound e) {
            Problem.of(404, texts.text(lang, "title.not-found"), e.text(lang)).write(resp);
        } catch (Conflict e) {
            Problem.of(409, texts.text(lang, "title.conflict"), conflictDetail(e, texts, lang)).withCode(e.code())
                    .write(resp);
        } catch (TooManyAttempts e) {
            resp.setHeader("Retry-After", Long.toString(e.seconds()));
            Problem.of(429, texts.text(lang, "title.too-many"), e.text(lang)).withCode("TOO_MANY_ATTEMPTS").write(resp);
        } catch (Exception e) {
            log.error("API {} {} failed", method, path, e);
            Problem.of(500, texts.text(lang, "title.internal"), texts.text(lang, "api.internal")).write(resp);
        }
    }

    /**
     * A refusal's reason in the caller's language: in Japanese the text of {@code conflict.<code>} where a module
     * has one; in English the refusal's own, more specific message (or that text when the message is only a key).
     */
    static String conflictDetail(Conflict e, ProblemTexts texts, Locale lang) {
        String key = "conflict." + e.code();
        boolean japanese = "ja".equals(lang.getLanguage());
        String message = e.getMessage();
        if (texts.has(key) && (japanese || message == null || !message.contains(" "))) {
            return texts.text(lang, key);
        }
        return message;
    }

    /**
     * The language problems are told in: {@code ?lang=}, else the first of Japanese or English the
     * {@code Accept-Language} header asks for; English when the caller asks for neither (API clients are programs
     * first, and their logs are read in English).
     */
    static Locale problemLocale(HttpServletRequest req) {
        // from the query string only: reading parameters could consume a form body before the handler sees it
        String query = Optional.ofNullable(req.getQueryString()).orElse("");
        for (String pair : query.split("&")) {
            if (pair.startsWith("lang=") && pair.length() > 5) {
                return pair.substring(5).toLowerCase(Locale.ROOT).startsWith("ja") ? ProblemTexts.JA : ProblemTexts.EN;
            }
        }
        String header = req.getHeader("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                    String r = range.getRange().toLowerCase(Locale.ROOT);
                    if (range.getWeight() > 0 && (r.startsWith("ja") || r.startsWith("en"))) {
                        return r.startsWith("ja") ? ProblemTexts.JA : ProblemTexts.EN;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                return ProblemTexts.EN;
            }
        }
        return ProblemTexts.EN;
    }

    private static Optional<Problem> check(Access access, Caller caller, HttpServletRequest req, ProblemTexts texts,
                                           Locale lang) {
        boolean change = !req.getMethod().equals("GET") && !req.getMethod().equals("HEAD");
        switch (access.kind()) {
            case ANYONE -> {
                return Optional.empty();
            }
            case SHOPPER -> {
                if (!(caller instanceof Caller.Shopper)) {
                    return Optional.of(Problem.of(401, texts.text(lang, "title.sign-in"), texts.text(lang, "api.shopper-only")));
                }
                String ct = req.getContentType();
                if (change && req.getContentLengthLong() != 0 && (ct == null || !ct.startsWith("application/json"))) {
                    return Optional.of(Problem.of(415, texts.text(lang, "title.media-type"), texts.text(lang, "api.send-json")));
                }
                return Optional.empty();
            }
            case ADMIN -> {
                if (!(caller instanceof Caller.Admin admin)) {
                    return Optional.of(Problem.of(401, texts.text(lang, "title.authentication"), texts.text(lang, "api.console-only")));
                }
                if (!access.roles().contains(admin.role())) {
                    return Optional.of(Problem.of(403, texts.text(lang, "title.forbidden"),
                            texts.text(lang, "api.role-forbidden", admin.role().name().toLowerCase(Locale.ROOT))));
                }
                if (change && admin.viaSession() && !Callers.csrfOk(req)) {
                    return Optional.of(Problem.of(403, texts.text(lang, "title.forbidden"), texts.text(lang, "api.csrf")));
                }
                return Optional.empty();
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void write(HttpServletResponse resp, Object result) throws IOException {
        ApiResponse r = result instanceof ApiResponse ar ? ar : new ApiResponse(200, result, "application/json", java.util.Map.of());
        resp.setStatus(r.status());
        r.headers().forEach(resp::setHeader);
        if (r.body() == null) {
            return;
        }
        resp.setContentType(r.contentType());
        resp.setCharacterEncoding("UTF-8");
        String text = r.body() instanceof String s && !r.contentType().startsWith("application/json") ? s : Json.write(r.body());
        resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
