package dev.kizuna.admin;

import dev.kizuna.core.web.PageRoutes;
import dev.kizuna.core.web.Problem;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code /crm/<segment>/...}: hands the request to the page a module mounted in core {@link PageRoutes} (e.g. the
 * survey page behind a mailed link), with the rest of the path in {@link PageRoutes#SUB_PATH_ATTRIBUTE}.
 */
final class PageDispatcher extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient InstalledRuntime runtime;

    PageDispatcher(InstalledRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        String rest = path.startsWith("/") ? path.substring(1) : path;
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        String subPath = slash < 0 ? "/" : rest.substring(slash);
        if (segment.isEmpty()) {
            resp.sendRedirect(req.getContextPath() + KizunaServletInitializer.CONSOLE + "/");
            return;
        }
        Optional<HttpServlet> page = runtime.get().context().pages().find(segment);
        if (page.isEmpty()) {
            resp.setHeader("Cache-Control", "no-store");
            Problem.of(404, "Not found", "no page at /crm/" + segment).write(resp);
            return;
        }
        req.setAttribute(PageRoutes.SUB_PATH_ATTRIBUTE, subPath);
        page.get().service(req, resp);
    }
}
