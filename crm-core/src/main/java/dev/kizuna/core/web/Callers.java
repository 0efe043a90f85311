package dev.kizuna.core.web;

import dev.kizuna.core.spi.AdminAuthenticator;
import dev.kizuna.core.spi.HostPorts;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Works out who sent a request: a dev bearer token (dev installs only, from this machine unless configured), the
 * console session (put on the request as {@link AdminSession#ATTRIBUTE} by the console's session filter), the host's admin
 * login, or the host's signed-in shopper, in that order.
 */
public final class Callers {
    private final HostPorts ports;
    private final Optional<String> devAdminToken;
    private final boolean tokenFromAnywhere;

    /** The dev token (if any) is honoured from this machine only. */
    public Callers(HostPorts ports, Optional<String> devAdminToken) {
        this(ports, devAdminToken, false);
    }

    /**
     * @param tokenFromAnywhere honour the dev token from other machines too
     *                          ({@code kizuna.dev.admin-token-from-anywhere}, for a dev install in a container)
     */
    public Callers(HostPorts ports, Optional<String> devAdminToken, boolean tokenFromAnywhere) {
        this.ports = ports;
        this.devAdminToken = devAdminToken;
        this.tokenFromAnywhere = tokenFromAnywhere;
    }

    public Caller resolve(HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && devAdminToken.isPresent()
                && (tokenFromAnywhere || fromThisMachine(request))
                && MessageDigest.isEqual(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                devAdminToken.get().getBytes(StandardCharsets.UTF_8))) {
            return new Caller.Admin("dev-token", Role.ADMIN, false);
        }
        if (request.getAttribute(AdminSession.ATTRIBUTE) instanceof AdminSession a) {
            return new Caller.Admin(a.username(), a.role(), true);
        }
        Optional<AdminAuthenticator.AdminIdentity> hostAdmin = ports.adminAuthenticator()
                .flatMap(authenticator -> authenticator.authenticate(request));
        if (hostAdmin.isPresent()) {
            return new Caller.Admin(hostAdmin.get().username(),
                    Role.valueOf(hostAdmin.get().role().toUpperCase(Locale.ROOT)), true);
        }
        return ports.currentShopper(request).<Caller>map(Caller.Shopper::new).orElseGet(Caller.Anonymous::new);
    }

    /**
     * A request from a loopback address that came through no proxy: the dev token is a shared secret in a config
     * file, and a demo bound to every interface must not hand the network an admin.
     */
    static boolean fromThisMachine(HttpServletRequest request) {
        if (request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null) {
            return false;
        }
        String address = request.getRemoteAddr();
        return address != null && (address.equals("127.0.0.1") || address.startsWith("127.")
                || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1") || address.equals("[::1]"));
    }

    /** Whether a state-changing request from a console session carries the session's CSRF token. */
    public static boolean csrfOk(HttpServletRequest request) {
        if (!(request.getAttribute(AdminSession.ATTRIBUTE) instanceof AdminSession a)) {
            return true;
        }
        String given = Optional.ofNullable(request.getHeader(AdminSession.CSRF_HEADER))
                .orElse(request.getParameter(AdminSession.CSRF_FIELD));
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                a.csrfToken().getBytes(StandardCharsets.UTF_8));
    }
}
