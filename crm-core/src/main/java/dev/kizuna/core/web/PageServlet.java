package dev.kizuna.core.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /crm/<segment>/...}: hands the request to the page a module mounted in {@link PageRoutes} (e.g. the survey
 * page behind a mailed link), with the rest of the path in {@link PageRoutes#SUB_PATH_ATTRIBUTE}.
 */
public final class PageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Supplier<PageRoutes> pages;
    private final String home;

    /** @param home where {@code /crm/} itself redirects, relative to the context path; null: nowhere (404) */
    public PageServlet(Supplier<PageRoutes> pages, String home) {
        this.pages = pages;
        this.home = home;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
        String rest = path.startsWith("/") ? path.substring(1) : path;
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        String subPath = slash < 0 ? "/" : rest.substring(slash);
        if (segment.isEmpty() && home != null) {
            resp.sendRedirect(req.getContextPath() + home);
            return;
        }
        Optional<HttpServlet> page = segment.isEmpty() ? Optional.empty() : pages.get().find(segment);
        if (page.isEmpty()) {
            resp.setHeader("Cache-Control", "no-store");
            Problem.of(404, "Not found", "no page at /crm/" + segment).write(resp);
            return;
        }
        req.setAttribute(PageRoutes.SUB_PATH_ATTRIBUTE, subPath);
        page.get().service(req, resp);
    }
}
