package dev.kizuna.admin.console;

import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.crypto.SignedTokens;
import dev.kizuna.core.spi.AdminAuthenticator;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.web.AdminSession;
import dev.kizuna.core.web.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The console user of a request, kept as core {@link AdminSession} in the HTTP session (so {@code /crm/api} accepts
 * it too, with its CSRF token). Sessions end after {@code kizuna.console.idle-minutes} (30) without a request or
 * {@code kizuna.console.max-hours} (12) after sign-in. With a host authenticator, the host's admin login signs the
 * user in and is asked again on every request, so signing out of the host signs out of the console.
 */
public final class ConsoleSessions {
    static final String SIGNED_IN_AT = "kizuna.console.signedInAt";
    static final String LAST_SEEN = "kizuna.console.lastSeen";
    static final String VIA_HOST = "kizuna.console.viaHost";
    static final String LOCALE = "kizuna.console.locale";
    static final String LOGIN_PURPOSE = "console-login";
    static final Duration LOGIN_FORM_LIFETIME = Duration.ofHours(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HostPorts host;
    private final SignedTokens tokens;
    private final Clock clock;
    private final Duration idle;
    private final Duration max;
    /** The shop's public origin ({@code kizuna.public-base-url}), for a proxy that rewrites the Host header. */
    private final String publicOrigin;

    public ConsoleSessions(HostPorts host, SignedTokens tokens, Clock clock, KizunaConfig config) {
        this.host = host;
        this.tokens = tokens;
        this.clock = clock;
        this.idle = Duration.ofMinutes(config.intValue("kizuna.console.idle-minutes", 30));
        this.max = Duration.ofHours(config.intValue("kizuna.console.max-hours", 12));
        this.publicOrigin = origin(config.publicBaseUrl());
    }

    /** Session lifetimes are security time, not shop time: a demo moving the shop clock must not sign users out. */
    public static ConsoleSessions of(dev.kizuna.core.module.KizunaContext ctx) {
        return new ConsoleSessions(ctx.host(), ctx.tokens(), Clock.systemUTC(), ctx.config());
    }

    /** Why a request has no console user although it had one: shown on the sign-in page. */
    public enum Ended { NONE, EXPIRED }

    public record Current(Optional<AdminSession> admin, Ended ended) {
    }

    /** The console user of this request, ending a stale session and signing in a host-authenticated admin. */
    public Current current(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Instant now = clock.instant();
        if (session != null && session.getAttribute(AdminSession.ATTRIBUTE) instanceof AdminSession a) {
            if (session.getAttribute(VIA_HOST) != null) {
                Optional<AdminAuthenticator.AdminIdentity> still = hostIdentity(request);
                if (still.isEmpty() || !still.get().username().equals(a.username()) || role(still.get()) != a.role()) {
                    clear(session);
                    return hostSignIn(request, now).map(x -> new Current(Optional.of(x), Ended.NONE))
                            .orElse(new Current(Optional.empty(), Ended.EXPIRED));
                }
            }
            Instant signedIn = (Instant) session.getAttribute(SIGNED_IN_AT);
            Instant seen = (Instant) session.getAttribute(LAST_SEEN);
            if (signedIn == null || seen == null || now.isAfter(seen.plus(idle)) || now.isAfter(signedIn.plus(max))) {
                clear(session);
                return new Current(Optional.empty(), Ended.EXPIRED);
            }
            session.setAttribute(LAST_SEEN, now);
            return new Current(Optional.of(a), Ended.NONE);
        }
        return new Current(hostSignIn(request, now), Ended.NONE);
    }

    private Optional<AdminSession> hostSignIn(HttpServletRequest request, Instant now) {
        Optional<AdminAuthenticator.AdminIdentity> identity = hostIdentity(request);
        if (identity.isEmpty() || role(identity.get()) == null) {
            return Optional.empty();
        }
        HttpSession session = request.getSession(true);
        AdminSession a = new AdminSession(identity.get().username(), role(identity.get()), newToken());
        session.setAttribute(AdminSession.ATTRIBUTE, a);
        session.setAttribute(VIA_HOST, Boolean.TRUE);
        session.setMaxInactiveInterval((int) idle.toSeconds());
        session.setAttribute(SIGNED_IN_AT, now);
        session.setAttribute(LAST_SEEN, now);
        return Optional.of(a);
    }

    private Optional<AdminAuthenticator.AdminIdentity> hostIdentity(HttpServletRequest request) {
        return host.adminAuthenticator().flatMap(auth -> auth.authenticate(request));
    }

    private static Role role(AdminAuthenticator.AdminIdentity identity) {
        try {
            return Role.valueOf(identity.role().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /**
     * Signs a user in with a password: a new session id (no fixation: an id planted before sign-in is worthless
     * after it) and a new CSRF token.
     */
    public AdminSession signIn(HttpServletRequest request, String username, Role role, String locale) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session = request.getSession(false);
        Instant now = clock.instant();
        AdminSession a = new AdminSession(username, role, newToken());
        session.removeAttribute(VIA_HOST);
        // the container drops the session after the idle time too, so abandoned sessions do not pile up in memory
        session.setMaxInactiveInterval((int) idle.toSeconds());
        session.setAttribute(AdminSession.ATTRIBUTE, a);
        session.setAttribute(SIGNED_IN_AT, now);
        session.setAttribute(LAST_SEEN, now);
        if (locale != null && session.getAttribute(LOCALE) == null) {
            session.setAttribute(LOCALE, locale);
        }
        return a;
    }

    /** Ends the console session only: the host's own session data (a shopper's cart) stays. */
    public void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            clear(session);
            request.changeSessionId();
        }
    }

    private static void clear(HttpSession session) {
        session.removeAttribute(AdminSession.ATTRIBUTE);
        session.removeAttribute(SIGNED_IN_AT);
        session.removeAttribute(LAST_SEEN);
        session.removeAttribute(VIA_HOST);
    }

    /**
     * The token the sign-in form carries (login CSRF) before there is a console session: signed and expiring, so the
     * sign-in page creates no HTTP session for anonymous visitors.
     */
    public String loginToken() {
        return tokens.issue(LOGIN_PURPOSE, "console", clock.instant().plus(LOGIN_FORM_LIFETIME));
    }

    /**
     * Whether a sign-in POST carries a valid form token and does not come from another site (a browser's
     * {@code Sec-Fetch-Site} or {@code Origin}, where sent), so a foreign page cannot sign a visitor into its account.
     */
    public boolean loginTokenOk(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals("null") && !sameOrigin(origin, request) && !origin.equals(publicOrigin)) {
            return false;
        }
        try {
            tokens.verify(request.getParameter(AdminSession.CSRF_FIELD), LOGIN_PURPOSE, clock.instant());
            return true;
        } catch (SignedTokens.InvalidToken e) {
            return false;
        }
    }

    private static String origin(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            return u.getScheme() + "://" + u.getRawAuthority();
        } catch (IllegalArgumentException | NullPointerException e) {
            return "";
        }
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        String host = request.getHeader("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    /** The console language: {@code ?lang=} (remembered), the user's choice, else the browser's; Japanese by default. */
    public static Locale locale(HttpServletRequest request) {
        String lang = request.getParameter("lang");
        HttpSession session = request.getSession(false);
        if (lang != null && (lang.equals("ja") || lang.equals("en"))) {
            if (session != null) {
                session.setAttribute(LOCALE, lang); // remembered in a session only; anonymous pages make none
            }
        } else if (session != null && session.getAttribute(LOCALE) instanceof String chosen) {
            lang = chosen;
        } else {
            String header = request.getHeader("Accept-Language");
            lang = header != null && header.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "ja";
        }
        return "en".equals(lang) ? Messages.EN : Messages.JA;
    }

    static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
