package dev.kizuna.core.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of {@code /crm/api/*} that modules register, with path templates like
 * {@code /customers/{id}/points}, each with who may call it and its {@link RouteDoc} (declared with
 * {@code api.doc("…").returns(X.class).get(…)}), from which {@link OpenApiDocument} builds the contract. Matching is
 * {@link Router}'s.
 */
public final class ApiRoutes {

    /** {@code doc} is null for a route registered without one (the contract test names it). */
    public record Route(String method, String pattern, Access access, ApiHandler handler, RouteDoc doc) {
    }

    /** Registers the next route with its documentation. */
    public final class Documented {
        private final RouteDoc doc;

        private Documented(RouteDoc doc) {
            this.doc = doc;
        }

        public Documented body(java.lang.reflect.Type type) {
            return new Documented(doc.body(type));
        }

        public Documented returns(java.lang.reflect.Type type) {
            return new Documented(doc.returns(type));
        }

        public Documented returnsListOf(Class<?> element) {
            return new Documented(doc.returnsListOf(element));
        }

        public Documented status(int code) {
            return new Documented(doc.status(code));
        }

        public Documented produces(String contentType) {
            return new Documented(doc.produces(contentType));
        }

        public Documented alsoAnswers(int code) {
            return new Documented(doc.alsoAnswers(code));
        }

        public void get(String pattern, Access access, ApiHandler handler) {
            add("GET", pattern, access, handler, doc);
        }

        public void post(String pattern, Access access, ApiHandler handler) {
            add("POST", pattern, access, handler, doc);
        }

        public void put(String pattern, Access access, ApiHandler handler) {
            add("PUT", pattern, access, handler, doc);
        }

        public void delete(String pattern, Access access, ApiHandler handler) {
            add("DELETE", pattern, access, handler, doc);
        }
    }

    /** Starts a documented route: {@code api.doc("Lists the jobs").returnsListOf(JobView.class).get(…)}. */
    public Documented doc(String summary) {
        return new Documented(RouteDoc.of(summary));
    }

    public record Match(Route route, Map<String, String> params) {
    }

    private final Router<Route> router = Router.create();

    /**
     * A check every matched route passes before its handler (after access): it refuses a call by throwing, e.g. a
     * {@code NotFound} for a customer that was merged into another. {@code lang} is the caller's problem language.
     */
    @FunctionalInterface
    public interface Guard {
        void check(Match match, java.util.Locale lang);
    }

    private final List<Guard> guards = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void guard(Guard guard) {
        guards.add(guard);
    }

    /** Runs every guard on the match; the first that refuses throws. */
    public void checkGuards(Match match, java.util.Locale lang) {
        for (Guard g : guards) {
            g.check(match, lang);
        }
    }

    public void get(String pattern, Access access, ApiHandler handler) {
        add("GET", pattern, access, handler, null);
    }

    public void post(String pattern, Access access, ApiHandler handler) {
        add("POST", pattern, access, handler, null);
    }

    public void put(String pattern, Access access, ApiHandler handler) {
        add("PUT", pattern, access, handler, null);
    }

    public void delete(String pattern, Access access, ApiHandler handler) {
        add("DELETE", pattern, access, handler, null);
    }

    private void add(String method, String pattern, Access access, ApiHandler handler, RouteDoc doc) {
        router.add(method, pattern, new Route(method, pattern, access, handler, doc));
    }

    /** The best route for the path, or empty; {@code methodsAllowed} collects methods of routes matching the path only. */
    public Optional<Match> match(String method, String path, List<String> methodsAllowed) {
        return router.match(method, path, methodsAllowed).map(m -> new Match(m.handler(), m.params()));
    }

    public List<Route> all() {
        return router.all().stream().map(Router.Route::handler).toList();
    }
}
