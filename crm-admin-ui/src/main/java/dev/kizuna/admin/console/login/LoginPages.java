package dev.kizuna.admin.console.login;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.admin.console.ConsoleSessions;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.admin.console.users.AdminUser;
import dev.kizuna.admin.console.users.AdminUsers;
import dev.kizuna.admin.console.users.PasswordPolicy;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.throttle.Throttle;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in, sign-out and the user's own password. Sign-in is a POST carrying a token from the form (login CSRF),
 * gets a new session id, and is refused without checking the password while the name from this address, or the
 * address, must wait ({@link LoginBackoff}); the answer for an unknown name, a wrong password and a disabled user is
 * the same.
 */
public final class LoginPages {

    private final ConsoleSessions sessions;

    public LoginPages(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    public void register(ConsoleRoutes routes) {
        routes.publicGetRoute("/login", this::form);
        routes.publicPostRoute("/login", this::signIn);
        routes.post("/logout", ConsoleRoutes.EVERY_ROLE, this::signOut);
        routes.get("/account", ConsoleRoutes.EVERY_ROLE, r -> account(r, new FormErrors(r.messages()), 200));
        routes.post("/account/password", ConsoleRoutes.EVERY_ROLE, this::changePassword);
    }

    private PageResult form(PageRequest r) {
        if (r.maybeAdmin().isPresent()) {
            return PageResult.redirect(safeNext(r.param("next").orElse("/")));
        }
        Map<String, Object> model = loginModel(r);
        if (r.flag("expired")) {
            model.put("notice", r.messages().text("login.expired"));
        }
        return PageResult.view("login.ftlh", model);
    }

    private Map<String, Object> loginModel(PageRequest r) {
        Map<String, Object> model = new HashMap<>();
        model.put("loginToken", sessions.loginToken());
        model.put("next", safeNext(r.param("next").orElse("/")));
        model.put("username", r.param("username").orElse(""));
        return model;
    }

    private PageResult signIn(PageRequest r) {
        if (!sessions.loginTokenOk(r.http())) {
            Map<String, Object> model = loginModel(r);
            model.put("error", r.messages().text("login.form-expired"));
            return PageResult.view("login.ftlh", model, 403);
        }
        String username = PasswordPolicy.normalizeUsername(r.param("username").orElse(""));
        String attemptName = username.length() > 100 ? username.substring(0, 100) : username;
        String password = r.raw("password");
        LoginAttempts attempts = r.port(LoginAttempts.class);
        // counted (and committed) before the password is checked: a refused attempt is never checked at all
        Throttle.Claim claim = attempts.claim(attemptName, r.clientAddress());
        if (!claim.admitted()) {
            return throttled(r, claim);
        }
        Optional<AdminUser> user = username.isEmpty() || password.isEmpty() || password.length() > PasswordPolicy.MAX_LENGTH
                ? Optional.empty() : r.port(AdminUsers.class).authenticate(username, password.toCharArray());
        if (user.isEmpty()) {
            attempts.failed(attemptName, r.clientAddress());
            Map<String, Object> model = loginModel(r);
            model.put("error", r.messages().text("login.failed"));
            return PageResult.view("login.ftlh", model, 401);
        }
        attempts.succeeded(claim, attemptName, r.clientAddress());
        sessions.signIn(r.http(), user.get().username(), user.get().role(), user.get().locale());
        return PageResult.redirect(safeNext(r.param("next").orElse("/")));
    }

    private PageResult throttled(PageRequest r, Throttle.Claim claim) {
        Map<String, Object> model = loginModel(r);
        model.put("error", r.messages().text("login.locked", claim.minutes()));
        model.put("locked", true);
        model.put(PageResult.RETRY_AFTER, claim.retryAfter().orElseThrow().toSeconds() + 1);
        return PageResult.view("login.ftlh", model, 429);
    }

    private PageResult signOut(PageRequest r) {
        sessions.signOut(r.http());
        r.flashKey("success", "login.signed-out");
        return PageResult.redirect("/login");
    }

    private PageResult account(PageRequest r, FormErrors errors, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("user", r.port(AdminUsers.class).findByUsername(r.actor()).orElse(null));
        model.put("errors", errors.asMap());
        return PageResult.view("account.ftlh", model, status);
    }

    private PageResult changePassword(PageRequest r) {
        AdminUsers users = r.port(AdminUsers.class);
        FormErrors errors = new FormErrors(r.messages());
        Optional<AdminUser> me = users.findByUsername(r.actor());
        if (me.isEmpty()) {
            // signed in through the host's admin login: the password lives there
            errors.add("_form", "account.host-user");
            return account(r, errors, 400);
        }
        String current = r.raw("currentPassword");
        String next = r.raw("newPassword");
        if (current.isEmpty() || current.length() > PasswordPolicy.MAX_LENGTH
                || users.authenticate(r.actor(), current.toCharArray()).isEmpty()) {
            errors.add("currentPassword", "account.current-wrong");
        }
        if (!next.equals(r.raw("confirmPassword"))) {
            errors.add("confirmPassword", "account.confirm-mismatch");
        }
        PasswordPolicy.problem(r.actor(), next).ifPresent(p -> errors.add("newPassword", p, PasswordPolicy.MIN_LENGTH));
        if (errors.any()) {
            return account(r, errors, 400);
        }
        try {
            users.setPassword(me.get().id(), next, r.actor());
        } catch (InvalidInput e) {
            errors.add(e, field -> "newPassword");
            return account(r, errors, 400);
        }
        r.flashKey("success", "account.password-changed");
        return PageResult.redirect("/account");
    }

    /** Only a path inside the console: never another site (open redirect) nor back to the sign-in page. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith("/login") || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }
}
