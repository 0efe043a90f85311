package dev.kizuna.admin;

import dev.kizuna.core.web.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Answers 503 under {@code /crm/*} until the host has installed Kizuna (the container may start first), so callers
 * get a clear "try again" instead of an internal error. Static assets need no runtime and pass through.
 */
final class RuntimeGateFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final transient InstalledRuntime runtime;

    RuntimeGateFilter(InstalledRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (path.startsWith(KizunaServletInitializer.ASSETS + "/") || runtime.find().isPresent()) {
            chain.doFilter(req, res);
            return;
        }
        res.setHeader("Retry-After", "5");
        res.setHeader("Cache-Control", "no-store");
        Problem.of(503, "Service unavailable", "Kizuna is starting; try again in a few seconds").write(res);
    }
}
