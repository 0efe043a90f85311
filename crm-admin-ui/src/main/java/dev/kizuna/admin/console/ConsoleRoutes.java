package dev.kizuna.admin.console;

import dev.kizuna.core.web.PathTemplate;
import dev.kizuna.core.web.Role;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's pages by method and path template ({@code /customers/{ref}}), each with the roles that may open it.
 * A route without roles is public (the sign-in page). Literal segments win over parameters.
 */
public final class ConsoleRoutes {
    public static final Set<Role> EVERY_ROLE = EnumSet.allOf(Role.class);
    /** Configuration pages: admins and marketers. */
    public static final Set<Role> CONFIGURE = EnumSet.of(Role.ADMIN, Role.MARKETER);
    /** Customer look-up: every role (support sees PII masked). */
    public static final Set<Role> CUSTOMERS = EnumSet.of(Role.ADMIN, Role.MARKETER, Role.SUPPORT);
    /** Manual point adjustments: admins and support staff. */
    public static final Set<Role> ADJUST = EnumSet.of(Role.ADMIN, Role.SUPPORT);
    public static final Set<Role> ADMIN_ONLY = EnumSet.of(Role.ADMIN);

    public record Route(String method, String pattern, Set<Role> roles, PageHandler handler, PathTemplate template) {
        public boolean isPublic() {
            return roles.isEmpty();
        }

    }

    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    public void get(String pattern, Set<Role> roles, PageHandler handler) {
        add("GET", pattern, roles, handler);
    }

    public void post(String pattern, Set<Role> roles, PageHandler handler) {
        add("POST", pattern, roles, handler);
    }

    /** A page anyone may open (the sign-in page); it checks its own form token. */
    public void publicGetRoute(String pattern, PageHandler handler) {
        add("GET", pattern, Set.of(), handler);
    }

    public void publicPostRoute(String pattern, PageHandler handler) {
        add("POST", pattern, Set.of(), handler);
    }

    private void add(String method, String pattern, Set<Role> roles, PageHandler handler) {
        routes.add(new Route(method, pattern, Set.copyOf(roles), handler, PathTemplate.of(pattern)));
    }

    public List<Route> all() {
        return List.copyOf(routes);
    }

    public Optional<Match> match(String method, String path, List<String> methodsAllowed) {
        String[] parts = PathTemplate.split(path);
        Match best = null;
        for (Route r : routes) {
            Map<String, String> params = r.template().bind(parts);
            if (params == null) {
                continue;
            }
            if (!r.method().equals(method) && !(method.equals("HEAD") && r.method().equals("GET"))) {
                methodsAllowed.add(r.method());
                continue;
            }
            if (best == null || r.template().literals() > best.route().template().literals()) {
                best = new Match(r, params);
            }
        }
        return Optional.ofNullable(best);
    }
}
