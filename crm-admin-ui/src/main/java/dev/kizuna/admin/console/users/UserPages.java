package dev.kizuna.admin.console.users;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.web.Role;

import java.util.HashMap;
import java.util.Map;

/** Console users (admins only): who may sign in with which role; new users, role changes, disabling, password resets. */
public final class UserPages {

    public void register(ConsoleRoutes routes) {
        routes.get("/users", ConsoleRoutes.ADMIN_ONLY, this::list);
        routes.get("/users/new", ConsoleRoutes.ADMIN_ONLY, r -> newForm(r, new FormErrors(r.messages()), 200));
        routes.post("/users", ConsoleRoutes.ADMIN_ONLY, this::create);
        routes.get("/users/{id}", ConsoleRoutes.ADMIN_ONLY, r -> editForm(r, user(r), new FormErrors(r.messages()), 200));
        routes.post("/users/{id}", ConsoleRoutes.ADMIN_ONLY, this::update);
        routes.post("/users/{id}/password", ConsoleRoutes.ADMIN_ONLY, this::resetPassword);
    }

    private PageResult list(PageRequest r) {
        Map<String, Object> model = new HashMap<>();
        model.put("users", r.port(AdminUsers.class).list());
        return PageResult.view("users/list.ftlh", model);
    }

    private PageResult newForm(PageRequest r, FormErrors errors, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("errors", errors.asMap());
        if (errors.any()) {
            model.put("values", r.formValues());
        }
        model.put("roles", Role.values());
        return PageResult.view("users/new.ftlh", model, status);
    }

    private PageResult create(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        String username = PasswordPolicy.normalizeUsername(r.raw("username"));
        // every field is checked before the users service sees the user, so an empty form names all it misses at once
        if (username.isEmpty()) {
            errors.add("username", "error.required");
        } else {
            PasswordPolicy.usernameProblem(username).ifPresent(p -> errors.add(new InvalidInput("username", p)));
        }
        Role role = role(r, errors);
        locale(r, errors);
        String password = r.raw("password");
        password(r, errors, username);
        if (errors.any()) {
            return newForm(r, errors, 400);
        }
        try {
            AdminUser u = r.port(AdminUsers.class).create(r.param("username").orElse(""), r.param("displayName").orElse(null),
                    password, role, r.param("locale").orElse("ja"), r.actor());
            r.flashKey("success", "users.created", u.username());
            return PageResult.redirect("/users");
        } catch (InvalidInput e) {
            return newForm(r, errors.add(e), 400);
        }
    }

    private PageResult editForm(PageRequest r, AdminUser user, FormErrors errors, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("user", user);
        model.put("errors", errors.asMap());
        if (errors.any()) {
            model.put("values", r.formValues());
        }
        model.put("roles", Role.values());
        return PageResult.view("users/edit.ftlh", model, status);
    }

    private PageResult update(PageRequest r) {
        AdminUser user = user(r);
        FormErrors errors = new FormErrors(r.messages());
        Role role = role(r, errors);
        locale(r, errors);
        if (errors.any()) {
            return editForm(r, user, errors, 400);
        }
        try {
            r.port(AdminUsers.class).update(user.id(), r.param("displayName").orElse(null), role,
                    r.param("locale").orElse(user.locale()), r.flag("disabled"), r.actor());
        } catch (InvalidInput e) {
            return editForm(r, user, errors.add(e), 400);
        } catch (Conflict e) {
            return editForm(r, user, errors.add("role", e.getMessage()), 409);
        }
        r.flashKey("success", "users.updated", user.username());
        return PageResult.redirect("/users");
    }

    private PageResult resetPassword(PageRequest r) {
        AdminUser user = user(r);
        FormErrors errors = new FormErrors(r.messages());
        String password = r.raw("password");
        password(r, errors, user.username());
        if (errors.any()) {
            return editForm(r, user, errors, 400);
        }
        try {
            r.port(AdminUsers.class).setPassword(user.id(), password, r.actor());
        } catch (InvalidInput e) {
            return editForm(r, user, errors.add(e), 400);
        }
        r.flashKey("success", "users.password-reset", user.username());
        return PageResult.redirect("/users");
    }

    /** The password against the policy and its confirmation, both noted at once. */
    private static void password(PageRequest r, FormErrors errors, String username) {
        String password = r.raw("password");
        if (password.isEmpty()) {
            errors.add("password", "error.required");
        } else {
            PasswordPolicy.problem(username, password).ifPresent(p -> errors.add(new InvalidInput("password", p,
                    PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH)));
        }
        if (!password.equals(r.raw("confirmPassword"))) {
            errors.add("confirmPassword", "account.confirm-mismatch");
        }
    }

    /** The user's console language: Japanese or English (absent: the form's default stands). */
    private static void locale(PageRequest r, FormErrors errors) {
        r.param("locale").filter(l -> !l.equals("ja") && !l.equals("en"))
                .ifPresent(l -> errors.add(new InvalidInput("locale", "locale.invalid")));
    }

    private static Role role(PageRequest r, FormErrors errors) {
        try {
            return Role.valueOf(r.param("role").orElse(""));
        } catch (IllegalArgumentException e) {
            errors.add("role", "role.required");
            return null;
        }
    }

    private static AdminUser user(PageRequest r) {
        return r.port(AdminUsers.class).find(r.pathLong("id")).orElseThrow(() -> new NotFound("no user " + r.path("id")));
    }
}
