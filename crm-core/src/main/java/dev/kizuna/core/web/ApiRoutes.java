package dev.kizuna.core.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of {@code /crm/api/*} that modules register, with path templates like
 * {@code /customers/{id}/points}, each with who may call it. Matching is {@link Router}'s.
 */
public final class ApiRoutes {

    public record Route(String method, String pattern, Access access, ApiHandler handler) {
    }

    public record Match(Route route, Map<String, String> params) {
    }

    private final Router<Route> router = Router.create();

    public void get(String pattern, Access access, ApiHandler handler) {
        add("GET", pattern, access, handler);
    }

    public void post(String pattern, Access access, ApiHandler handler) {
        add("POST", pattern, access, handler);
    }

    public void put(String pattern, Access access, ApiHandler handler) {
        add("PUT", pattern, access, handler);
    }

    public void delete(String pattern, Access access, ApiHandler handler) {
        add("DELETE", pattern, access, handler);
    }

    private void add(String method, String pattern, Access access, ApiHandler handler) {
        router.add(method, pattern, new Route(method, pattern, access, handler));
    }

    /** The best route for the path, or empty; {@code methodsAllowed} collects methods of routes matching the path only. */
    public Optional<Match> match(String method, String path, List<String> methodsAllowed) {
        return router.match(method, path, methodsAllowed).map(m -> new Match(m.handler(), m.params()));
    }

    public List<Route> all() {
        return router.all().stream().map(Router.Route::handler).toList();
    }
}
