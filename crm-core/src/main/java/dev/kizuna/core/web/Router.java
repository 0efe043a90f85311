package dev.kizuna.core.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Routes by method and path template ({@code /customers/{id}/points}, a last segment {@code {rest...}} takes the
 * rest of the path): the one matcher behind the API, the console and module pages. The most specific match (most
 * literal segments) wins, so {@code /me/points} and {@code /{id}/points} can live together; {@code HEAD} is answered
 * by a {@code GET} route where the router is made {@link #answeringHeadWithGet()}.
 *
 * @param <H> what a route leads to (an API endpoint, a console page, a module's servlet)
 */
public final class Router<H> {

    public record Route<H>(String method, String pattern, H handler, PathTemplate template) {
    }

    public record Match<H>(Route<H> route, Map<String, String> params) {
        public H handler() {
            return route.handler();
        }
    }

    /** A route's method that takes every method (a module page that routes inside itself). */
    public static final String ANY_METHOD = "*";

    private final List<Route<H>> routes = new CopyOnWriteArrayList<>();
    private final boolean headAsGet;

    private Router(boolean headAsGet) {
        this.headAsGet = headAsGet;
    }

    public static <H> Router<H> create() {
        return new Router<>(false);
    }

    /** For pages: a {@code HEAD} is answered as its {@code GET} (the container drops the body). */
    public static <H> Router<H> answeringHeadWithGet() {
        return new Router<>(true);
    }

    public void add(String method, String pattern, H handler) {
        PathTemplate template = PathTemplate.of(pattern);
        for (Route<H> r : routes) {
            if (r.method().equals(method) && r.template().sameShape(template)) {
                throw new IllegalStateException("two routes for " + method + " " + pattern);
            }
        }
        routes.add(new Route<>(method, pattern, handler, template));
    }

    /** The best route for the path, or empty; {@code methodsAllowed} collects methods of routes matching the path only. */
    public Optional<Match<H>> match(String method, String path, List<String> methodsAllowed) {
        String[] parts = PathTemplate.split(path);
        Match<H> best = null;
        for (Route<H> r : routes) {
            Map<String, String> params = r.template().bind(parts);
            if (params == null) {
                continue;
            }
            if (!r.method().equals(ANY_METHOD) && !r.method().equals(method) && !(headAsGet && method.equals("HEAD") && r.method().equals("GET"))) {
                if (!methodsAllowed.contains(r.method())) {
                    methodsAllowed.add(r.method());
                }
                continue;
            }
            if (best == null || r.template().literals() > best.route().template().literals()) {
                best = new Match<>(r, params);
            }
        }
        return Optional.ofNullable(best);
    }

    public List<Route<H>> all() {
        return new ArrayList<>(routes);
    }
}
