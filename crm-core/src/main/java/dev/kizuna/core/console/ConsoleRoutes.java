package dev.kizuna.core.console;

import dev.kizuna.core.web.Role;
import dev.kizuna.core.web.Router;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's pages by method and path template ({@code /customers/{ref}}), each with the roles that may open it:
 * the shell registers its own, each feature module its pages through {@code ctx.console().pages()}. A route without
 * roles is public (the sign-in page). Matching is {@link Router}'s.
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

    public record Route(String method, String pattern, Set<Role> roles, PageHandler handler) {
        public boolean isPublic() {
            return roles.isEmpty();
        }
    }

    public record Match(Route route, Map<String, String> params) {
    }

    private final Router<Route> router = Router.answeringHeadWithGet();

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
        router.add(method, pattern, new Route(method, pattern, Set.copyOf(roles), handler));
    }

    public List<Route> all() {
        return router.all().stream().map(Router.Route::handler).toList();
    }

    public Optional<Match> match(String method, String path, List<String> methodsAllowed) {
        return router.match(method, path, methodsAllowed).map(m -> new Match(m.handler(), m.params()));
    }
}
