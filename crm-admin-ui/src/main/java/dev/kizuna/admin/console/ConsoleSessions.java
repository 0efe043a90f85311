package dev.kizuna.admin.console;

import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.console.Flash;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.crypto.SignedTokens;
import dev.kizuna.core.spi.AdminAuthenticator;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.web.AdminSession;
import dev.kizuna.core.web.Role;
import dev.kizuna.core.web.CrmPaths;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The console user of a request, in Kizuna's own table ({@code console_session}) behind a signed cookie, so whichever
 * node answers knows the user, role, CSRF token and language. The cookie carries a random id signed with the token
 * key (every node of an installation has the same one); the row is found by the id's hash. Sessions end after
 * {@code kizuna.console.idle-minutes} (30) without a request or {@code kizuna.console.max-hours} (12) after sign-in.
 * With a host authenticator, the host's admin login signs the user in and is asked again on every request, so signing
 * out of the host signs out of the console. The user is put on the request ({@link AdminSession#ATTRIBUTE}) for the
 * API's {@code Callers}.
 */
public final class ConsoleSessions {
    public static final String COOKIE = "KIZUNA_CONSOLE";
    static final String LOGIN_PURPOSE = "console-login";
    static final String SESSION_PURPOSE = "console-session";
    static final Duration LOGIN_FORM_LIFETIME = Duration.ofHours(2);
    /** last_seen_at is written at most this often per session: idle time is judged in minutes. */
    private static final Duration SEEN_PRECISION = Duration.ofSeconds(20);
    private static final String CURRENT = "kizuna.console.current";
    private static final String ROW = "kizuna.console.row";
    private static final String PENDING_COOKIE = "kizuna.console.cookie";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HostPorts host;
    private final SignedTokens tokens;
    private final Clock clock;
    private final Duration idle;
    private final Duration max;
    private final ConsoleSessionStore store;
    /** The shop's public origin ({@code kizuna.public-base-url}), for a proxy that rewrites the Host header. */
    private final String publicOrigin;

    public ConsoleSessions(HostPorts host, SignedTokens tokens, Clock clock, KizunaConfig config, Database db) {
        this.host = host;
        this.tokens = tokens;
        this.clock = clock;
        this.idle = Duration.ofMinutes(config.intValue("kizuna.console.idle-minutes", 30));
        this.max = Duration.ofHours(config.intValue("kizuna.console.max-hours", 12));
        this.publicOrigin = origin(config.publicBaseUrl());
        this.store = new ConsoleSessionStore(db);
    }

    /** Session lifetimes are security time, not shop time: a demo moving the shop clock must not sign users out. */
    public static ConsoleSessions of(dev.kizuna.core.module.KizunaContext ctx) {
        return new ConsoleSessions(ctx.host(), ctx.tokens(), Clock.systemUTC(), ctx.config(), ctx.database());
    }

    /** Why a request has no console user although it had one: shown on the sign-in page. */
    public enum Ended { NONE, EXPIRED }

    public record Current(Optional<AdminSession> admin, Ended ended) {
    }

    /** A session id as the cookie names it and the hash its row is found by. */
    private record SessionId(byte[] hash) {
    }

    /**
     * The console user of this request, ending a stale session and signing in a host-authenticated admin; worked out
     * once per request (the API filter and the console both ask).
     */
    public Current current(HttpServletRequest request) {
        if (request.getAttribute(CURRENT) instanceof Current known) {
            return known;
        }
        Current c = resolve(request);
        request.setAttribute(CURRENT, c);
        c.admin().ifPresentOrElse(a -> request.setAttribute(AdminSession.ATTRIBUTE, a),
                () -> request.removeAttribute(AdminSession.ATTRIBUTE));
        return c;
    }

    private Current resolve(HttpServletRequest request) {
        Instant now = clock.instant();
        Optional<SessionId> id = cookieId(request, now);
        Optional<ConsoleSessionStore.Row> row = id.flatMap(i -> store.find(i.hash()));
        if (row.isEmpty()) {
            if (id.isPresent() || hasCookie(request)) {
                clearCookie(request);
            }
            return hostSignIn(request, now).map(x -> new Current(Optional.of(x), Ended.NONE))
                    .orElse(new Current(Optional.empty(), id.isPresent() ? Ended.EXPIRED : Ended.NONE));
        }
        ConsoleSessionStore.Row r = row.get();
        AdminSession a = r.admin();
        if (r.viaHost()) {
            Optional<AdminAuthenticator.AdminIdentity> still = hostIdentity(request);
            if (still.isEmpty() || !still.get().username().equals(a.username()) || role(still.get()) != a.role()) {
                store.delete(id.get().hash());
                clearCookie(request);
                return hostSignIn(request, now).map(x -> new Current(Optional.of(x), Ended.NONE))
                        .orElse(new Current(Optional.empty(), Ended.EXPIRED));
            }
        }
        if (now.isAfter(r.lastSeenAt().plus(idle)) || now.isAfter(r.signedInAt().plus(max))) {
            store.delete(id.get().hash());
            clearCookie(request);
            return new Current(Optional.empty(), Ended.EXPIRED);
        }
        if (now.isAfter(r.lastSeenAt().plus(SEEN_PRECISION))) {
            store.seen(id.get().hash(), now);
        }
        String lang = request.getParameter("lang");
        if ((lang != null && (lang.equals("ja") || lang.equals("en"))) && !lang.equals(r.locale())) {
            store.locale(id.get().hash(), lang);
            r = new ConsoleSessionStore.Row(a, r.viaHost(), lang, r.flash(), r.signedInAt(), r.lastSeenAt());
        }
        request.setAttribute(ROW, new Active(id.get(), r));
        return new Current(Optional.of(a), Ended.NONE);
    }

    /** The session row this request was served with. */
    private record Active(SessionId id, ConsoleSessionStore.Row row) {
    }

    private Optional<SessionId> cookieId(HttpServletRequest request, Instant now) {
        String value = cookieValue(request);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SessionId(hash(tokens.verify(value, SESSION_PURPOSE, now).subject())));
        } catch (SignedTokens.InvalidToken e) {
            return Optional.empty();
        }
    }

    private static boolean hasCookie(HttpServletRequest request) {
        return cookieValue(request) != null;
    }

    private static String cookieValue(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (c.getName().equals(COOKIE)) {
                return c.getValue();
            }
        }
        return null;
    }

    private Optional<AdminSession> hostSignIn(HttpServletRequest request, Instant now) {
        Optional<AdminAuthenticator.AdminIdentity> identity = hostIdentity(request);
        if (identity.isEmpty() || role(identity.get()) == null) {
            return Optional.empty();
        }
        return Optional.of(open(request, identity.get().username(), role(identity.get()), true, null, now));
    }

    private AdminSession open(HttpServletRequest request, String username, Role role, boolean viaHost, String locale,
                              Instant now) {
        String id = newToken();
        AdminSession a = new AdminSession(username, role, newToken());
        store.create(hash(id), a, viaHost, locale, now, now.minus(idle), now.minus(max));
        String signed = tokens.issue(SESSION_PURPOSE, id, now.plus(max));
        request.setAttribute(PENDING_COOKIE, cookie(request, signed, (int) max.toSeconds()));
        request.setAttribute(ROW, new Active(new SessionId(hash(id)),
                new ConsoleSessionStore.Row(a, viaHost, locale, null, now, now)));
        request.setAttribute(CURRENT, new Current(Optional.of(a), Ended.NONE));
        request.setAttribute(AdminSession.ATTRIBUTE, a);
        return a;
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
     * Signs a user in with a password: a new session (no fixation: an id planted before sign-in is worthless after
     * it, and the previous session of this browser ends) with a new CSRF token.
     */
    public AdminSession signIn(HttpServletRequest request, String username, Role role, String locale) {
        endActive(request);
        return open(request, username, role, false, locale, clock.instant());
    }

    /** Ends the console session only: the host's own session data (a shopper's cart) stays. */
    public void signOut(HttpServletRequest request) {
        endActive(request);
        clearCookie(request);
        request.setAttribute(CURRENT, new Current(Optional.empty(), Ended.NONE));
        request.removeAttribute(AdminSession.ATTRIBUTE);
    }

    private void endActive(HttpServletRequest request) {
        current(request);
        if (request.getAttribute(ROW) instanceof Active a) {
            store.delete(a.id().hash());
            request.removeAttribute(ROW);
        }
    }

    /**
     * Keeps a one-time notice for the page after a redirect: in the console session (any node shows it), or, without
     * one (after signing out), in the host's HTTP session.
     */
    public void keepFlash(HttpServletRequest request, Flash flash) {
        current(request);
        if (!(request.getAttribute(ROW) instanceof Active a) || !store.keepFlash(a.id().hash(), flash)) {
            request.getSession(true).setAttribute(Flash.ATTRIBUTE, flash);
        }
    }

    /** The notice kept for this page, taken (shown once). */
    public Optional<Flash> takeFlash(HttpServletRequest request) {
        current(request);
        if (request.getAttribute(ROW) instanceof Active a && a.row().flash() != null) {
            store.dropFlash(a.id().hash());
            request.setAttribute(ROW, new Active(a.id(), new ConsoleSessionStore.Row(a.row().admin(), a.row().viaHost(),
                    a.row().locale(), null, a.row().signedInAt(), a.row().lastSeenAt())));
            return Optional.of(a.row().flash());
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(Flash.ATTRIBUTE) instanceof Flash f) {
            session.removeAttribute(Flash.ATTRIBUTE);
            return Optional.of(f);
        }
        return Optional.empty();
    }

    /** Writes the cookie this request's sign-in, sign-out or expiry changed; call before the response is committed. */
    public static void sendCookie(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(PENDING_COOKIE) instanceof Cookie c) {
            response.addCookie(c);
            request.removeAttribute(PENDING_COOKIE);
        }
    }

    private static void clearCookie(HttpServletRequest request) {
        request.setAttribute(PENDING_COOKIE, cookie(request, "", 0));
    }

    private static Cookie cookie(HttpServletRequest request, String value, int maxAge) {
        Cookie c = new Cookie(COOKIE, value);
        c.setPath(request.getContextPath() + CrmPaths.ROOT);
        c.setHttpOnly(true);
        c.setSecure(request.isSecure());
        c.setMaxAge(maxAge);
        c.setAttribute("SameSite", "Lax");
        return c;
    }

    private static byte[] hash(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /** The console language: {@code ?lang=} (remembered in the console session), the user's choice, else the browser's; Japanese by default. */
    public static Locale locale(HttpServletRequest request) {
        String lang = request.getParameter("lang");
        if (lang == null || !(lang.equals("ja") || lang.equals("en"))) {
            lang = request.getAttribute(ROW) instanceof Active a && a.row().locale() != null ? a.row().locale() : null;
        }
        if (lang == null) {
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
