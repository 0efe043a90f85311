package dev.kizuna.core.web;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.metrics.KizunaHealth;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an operator's monitoring reads, outside the API: {@code GET /crm/metrics} renders Kizuna's own Prometheus
 * registry, {@code GET /crm/health} says UP (200) or DOWN (503). The metrics need the scrape token
 * ({@code Authorization: Bearer <kizuna.metrics.token>}) or an admin caller; the health status is open to a load
 * balancer, its reasons (which check failed and why) are shown to the same callers as the metrics.
 */
public final class OperationsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    public static final String METRICS = CrmPaths.ROOT + "/metrics";
    public static final String HEALTH = CrmPaths.ROOT + "/health";

    private final transient Supplier<KizunaRuntime> runtime;

    public OperationsServlet(Supplier<KizunaRuntime> runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        KizunaRuntime rt = runtime.get();
        res.setHeader("Cache-Control", "no-store");
        String path = req.getRequestURI().substring(req.getContextPath().length());
        boolean operator = operator(req, rt);
        if (path.equals(HEALTH)) {
            KizunaHealth.Report report = rt.health().check();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", report.status().name());
            if (operator) {
                body.put("checks", report.checks());
            }
            res.setStatus(report.status() == KizunaHealth.Status.UP ? 200 : 503);
            res.setContentType("application/json");
            res.setCharacterEncoding("UTF-8");
            res.getWriter().write(Json.write(body));
            return;
        }
        if (!operator) {
            res.setHeader("WWW-Authenticate", "Bearer");
            Problem.of(401, "Unauthorized", "the metrics need the scrape token or an admin").write(res);
            return;
        }
        Optional<String> scrape = rt.metrics().scrape();
        if (scrape.isEmpty()) {
            Problem.of(404, "Not found", "Kizuna's meters are on the host's registry").write(res);
            return;
        }
        res.setContentType("text/plain; version=0.0.4");
        res.setCharacterEncoding("UTF-8");
        res.getWriter().write(scrape.get());
    }

    /** The scrape token of {@code kizuna.metrics.token}, or an admin of any role. */
    private static boolean operator(HttpServletRequest req, KizunaRuntime rt) {
        Optional<String> token = rt.context().config().get("kizuna.metrics.token");
        String auth = req.getHeader("Authorization");
        if (token.isPresent() && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                token.get().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        return rt.callers().resolve(req) instanceof Caller.Admin;
    }
}
