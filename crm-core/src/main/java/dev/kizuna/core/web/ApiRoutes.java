package dev.kizuna.core.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The routes of {@code /crm/api/*} that modules register, with path templates like
 * {@code /customers/{id}/points}. Literal segments win over parameters, so {@code /me/points} and
 * {@code /{id}/points} can live together.
 */
public final class ApiRoutes {

    public record Route(String method, String pattern, Access access, ApiHandler handler, PathTemplate template) {
    }

    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

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
        routes.add(new Route(method, pattern, access, handler, PathTemplate.of(pattern)));
    }

    /** The best route for the path, or empty; {@code methodsAllowed} collects methods of routes matching the path only. */
    public Optional<Match> match(String method, String path, List<String> methodsAllowed) {
        String[] parts = PathTemplate.split(path);
        Match best = null;
        for (Route r : routes) {
            Map<String, String> params = r.template().bind(parts);
            if (params == null) {
                continue;
            }
            if (!r.method().equals(method)) {
                methodsAllowed.add(r.method());
                continue;
            }
            if (best == null || r.template().literals() > best.route().template().literals()) {
                best = new Match(r, params);
            }
        }
        return Optional.ofNullable(best);
    }

    public List<Route> all() {
        return new ArrayList<>(routes);
    }
}
