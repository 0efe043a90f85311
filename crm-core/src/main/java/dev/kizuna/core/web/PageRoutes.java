package dev.kizuna.core.web;

import jakarta.servlet.http.HttpServlet;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public pages a module serves under {@code /crm/<segment>/*} (e.g. the survey page behind a mailed link at
 * {@code /crm/survey/<token>}). The servlet container mounts one dispatcher at {@code /crm/*}; modules mount their
 * servlet here at start. The servlet is called through {@code service(req, resp)} with the path after the
 * segment in {@code getPathInfo()}-style as {@link #SUB_PATH_ATTRIBUTE}; its {@code init} is not called.
 */
public final class PageRoutes {
    public static final String SUB_PATH_ATTRIBUTE = "kizuna.page.subPath";

    private final Map<String, HttpServlet> pages = new ConcurrentHashMap<>();

    public void mount(String segment, HttpServlet servlet) {
        if (!segment.matches("[a-z][a-z0-9-]*") || segment.equals("api") || segment.equals("admin") || segment.equals("assets")) {
            throw new IllegalArgumentException("page segment must be kebab-case and not reserved: " + segment);
        }
        if (pages.putIfAbsent(segment, servlet) != null) {
            throw new IllegalStateException("two pages mounted at /crm/" + segment);
        }
    }

    public Optional<HttpServlet> find(String segment) {
        return Optional.ofNullable(pages.get(segment));
    }
}
