package dev.kizuna.core.web;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.errors.TooManyAttempts;
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
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /crm/api/*}: JSON in, JSON out, errors as problem bodies. Access is checked per route before the handler
 * runs; changes from a console session need its CSRF token, changes from a shopper's cookie session need a JSON
 * content type (which a cross-site form cannot send).
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
        try {
            List<String> allowed = new ArrayList<>();
            Optional<ApiRoutes.Match> match = routes.get().match(method, path, allowed);
            if (match.isEmpty()) {
                if (!allowed.isEmpty()) {
                    resp.setHeader("Allow", String.join(", ", allowed));
                    Problem.of(405, "Method not allowed", method + " is not allowed on " + path).write(resp);
                } else {
                    Problem.of(404, "Not found", "no API at " + path).write(resp);
                }
                return;
            }
            Caller caller = callers.get().resolve(req);
            Access access = match.get().route().access();
            Optional<Problem> denied = check(access, caller, req);
            if (denied.isPresent()) {
                denied.get().write(resp);
                return;
            }
            Object result = match.get().route().handler().handle(new ApiRequest(req, match.get().params(), caller));
            write(resp, result);
        } catch (InvalidInput e) {
            Problem.of(400, "Invalid input", e.reason()).withField(e.field()).write(resp);
        } catch (NotFound e) {
            Problem.of(404, "Not found", e.getMessage()).write(resp);
        } catch (Conflict e) {
            Problem.of(409, "Conflict", e.getMessage()).withCode(e.code()).write(resp);
        } catch (TooManyAttempts e) {
            resp.setHeader("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            Problem.of(429, "Too many attempts", e.getMessage()).write(resp);
        } catch (Exception e) {
            log.error("API {} {} failed", method, path, e);
            Problem.of(500, "Internal error", "the request could not be completed; it was logged").write(resp);
        }
    }

    private static Optional<Problem> check(Access access, Caller caller, HttpServletRequest req) {
        boolean change = !req.getMethod().equals("GET") && !req.getMethod().equals("HEAD");
        switch (access.kind()) {
            case ANYONE -> {
                return Optional.empty();
            }
            case SHOPPER -> {
                if (!(caller instanceof Caller.Shopper)) {
                    return Optional.of(Problem.of(401, "Sign-in required", "this API is for the signed-in shopper"));
                }
                String ct = req.getContentType();
                if (change && req.getContentLengthLong() != 0 && (ct == null || !ct.startsWith("application/json"))) {
                    return Optional.of(Problem.of(415, "Unsupported media type", "send application/json"));
                }
                return Optional.empty();
            }
            case ADMIN -> {
                if (!(caller instanceof Caller.Admin admin)) {
                    return Optional.of(Problem.of(401, "Authentication required", "this API is for console users"));
                }
                if (!access.roles().contains(admin.role())) {
                    return Optional.of(Problem.of(403, "Forbidden", "the " + admin.role().name().toLowerCase()
                            + " role may not use this API"));
                }
                if (change && admin.viaSession() && !Callers.csrfOk(req)) {
                    return Optional.of(Problem.of(403, "Forbidden", "missing or wrong CSRF token"));
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
