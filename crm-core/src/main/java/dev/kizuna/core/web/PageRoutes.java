package dev.kizuna.core.web;

import jakarta.servlet.http.HttpServlet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Public pages a module serves under {@code /crm/<segment>/*} (e.g. the survey page behind a mailed link at
 * {@code /crm/survey/<token>}). The servlet container mounts one dispatcher at {@code /crm/*}; modules mount their
 * servlet here at start. The servlet is called through {@code service(req, resp)} with the path after the
 * segment in {@code getPathInfo()}-style as {@link #SUB_PATH_ATTRIBUTE}; its {@code init} is not called.
 */
public final class PageRoutes {
    public static final String SUB_PATH_ATTRIBUTE = "kizuna.page.subPath";
    private static final Set<String> RESERVED = Set.of("api", "admin", "assets");

    /** A mounted page and the path below its segment. */
    public record Found(HttpServlet servlet, String subPath) {
    }

    private final Router<HttpServlet> router = Router.create();

    public void mount(String segment, HttpServlet servlet) {
        if (!segment.matches("[a-z][a-z0-9-]*") || RESERVED.contains(segment)) {
            throw new IllegalArgumentException("page segment must be kebab-case and not reserved: " + segment);
        }
        try {
            router.add(Router.ANY_METHOD, "/" + segment + "/{subPath...}", servlet);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("two pages mounted at /crm/" + segment, e);
        }
    }

    /** The mounted pages' path patterns below {@code /crm} ({@code /survey/{subPath...}}): what requests are matched on. */
    public List<String> patterns() {
        return router.all().stream().map(Router.Route::pattern).toList();
    }

    /** The page for a path below {@code /crm}, e.g. {@code /survey/abc} → the survey page with sub-path {@code /abc}. */
    public Optional<Found> find(String method, String path) {
        return router.match(method, path, new ArrayList<>())
                .map(m -> new Found(m.handler(), "/" + m.params().get("subPath")));
    }
}
