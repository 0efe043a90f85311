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
        if (PathTemplate.split(path).length == 0 && home != null) {
            resp.sendRedirect(req.getContextPath() + home);
            return;
        }
        Optional<PageRoutes.Found> page = pages.get().find(req.getMethod(), path);
        if (page.isEmpty()) {
            resp.setHeader("Cache-Control", "no-store");
            String[] parts = PathTemplate.split(path);
            Problem.of(404, "Not found", "no page at /crm/" + (parts.length == 0 ? "" : parts[0])).write(resp);
            return;
        }
        req.setAttribute(PageRoutes.SUB_PATH_ATTRIBUTE, page.get().subPath());
        page.get().servlet().service(req, resp);
    }
}
