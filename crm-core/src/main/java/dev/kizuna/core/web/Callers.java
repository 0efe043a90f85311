package dev.kizuna.core.web;

import dev.kizuna.core.spi.AdminAuthenticator;
import dev.kizuna.core.spi.HostPorts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Works out who sent a request: a dev bearer token (dev installs only), the console session, the host's admin
 * login, or the host's signed-in shopper, in that order.
 */
public final class Callers {
    private final HostPorts ports;
    private final Optional<String> devAdminToken;

    public Callers(HostPorts ports, Optional<String> devAdminToken) {
        this.ports = ports;
        this.devAdminToken = devAdminToken;
    }

    public Caller resolve(HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && devAdminToken.isPresent()
                && MessageDigest.isEqual(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                devAdminToken.get().getBytes(StandardCharsets.UTF_8))) {
            return new Caller.Admin("dev-token", Role.ADMIN, false);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(AdminSession.ATTRIBUTE) instanceof AdminSession a) {
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

    /** Whether a state-changing request from a console session carries the session's CSRF token. */
    public static boolean csrfOk(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(AdminSession.ATTRIBUTE) instanceof AdminSession a)) {
            return true;
        }
        String given = Optional.ofNullable(request.getHeader(AdminSession.CSRF_HEADER))
                .orElse(request.getParameter(AdminSession.CSRF_FIELD));
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                a.csrfToken().getBytes(StandardCharsets.UTF_8));
    }
}
