package dev.kizuna.admin;

import dev.kizuna.admin.console.ConsoleSessions;
import dev.kizuna.admin.console.api.ApiReferencePages;
import dev.kizuna.admin.console.audit.AuditPages;
import dev.kizuna.admin.console.customers.CustomerDirectory;
import dev.kizuna.admin.console.customers.CustomerList;
import dev.kizuna.admin.console.customers.CustomerPages;
import dev.kizuna.admin.console.dashboard.DashboardPages;
import dev.kizuna.admin.console.jobs.JobPages;
import dev.kizuna.admin.console.login.LoginPages;
import dev.kizuna.admin.console.users.UserPages;
import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.Customer360Page;
import dev.kizuna.core.console.Navigation;
import dev.kizuna.core.console.PiiMask;
import dev.kizuna.admin.console.login.LoginBackoff;
import dev.kizuna.admin.console.login.LoginAttempts;
import dev.kizuna.admin.console.login.LoginAttemptsCleanupJob;
import dev.kizuna.admin.console.users.AdminUser;
import dev.kizuna.admin.console.users.AdminUsers;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.Caller;
import dev.kizuna.core.web.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * The merchant console as a module: its tables (console users with Argon2id hashes, sign-in attempts behind the
 * lockout), the first-run admin, the admin API the console and scripts use for users and customer search, and the
 * shell's pages (sign-in, dashboard, customers, jobs, audit, users) beside which feature modules register theirs.
 * Starts last (900): the console reads every other module's ports.
 *
 * <p>First run: {@code kizuna.console.initial-admin.username} and {@code kizuna.console.initial-admin.password}
 * create that admin when no enabled admin exists (the password must have at least 12 characters). Once an admin
 * exists the keys are ignored, so they may stay in the config.
 */
public final class ConsoleModule implements KizunaModule {
    private static final Logger log = LoggerFactory.getLogger(ConsoleModule.class);

    public static final String INITIAL_ADMIN_USERNAME = "kizuna.console.initial-admin.username";
    public static final String INITIAL_ADMIN_PASSWORD = "kizuna.console.initial-admin.password";

    @Override
    public String name() {
        return "console";
    }

    @Override
    public int startOrder() {
        return 900;
    }

    @Override
    public List<Class<?>> entityClasses() {
        return AdminUsers.entities();
    }

    @Override
    public void start(KizunaContext ctx) {
        AdminUsers users = new AdminUsers(ctx.database(), ctx.passwords(), ctx.audit(), ctx.clock());
        LoginAttempts attempts = new LoginAttempts(ctx.database(), ctx.clock(), LoginBackoff.from(ctx.config()), ctx.metrics());
        CustomerDirectory customers = new CustomerDirectory(ctx.database(), ctx.members());
        ctx.ports().provide(AdminUsers.class, users);
        ctx.ports().provide(LoginAttempts.class, attempts);
        ctx.ports().provide(CustomerDirectory.class, customers);
        ctx.ports().provide(CustomerList.class, new CustomerList(ctx.database(), ctx.members(), ctx.blindIndex()));
        ctx.jobs().register(new LoginAttemptsCleanupJob(attempts));

        Optional<String> initialUser = ctx.config().get(INITIAL_ADMIN_USERNAME);
        Optional<String> initialPassword = ctx.config().get(INITIAL_ADMIN_PASSWORD);
        if (initialUser.isPresent() && initialPassword.isPresent()) {
            try {
                if (users.ensureInitialAdmin(initialUser.get(), initialPassword.get())) {
                    log.info("console admin {} created from {}", initialUser.get(), INITIAL_ADMIN_USERNAME);
                }
            } catch (InvalidInput e) {
                throw new IllegalArgumentException("kizuna.console.initial-admin." + e.field() + ": " + e.reason()
                        + " (usernames: lower-case letters, digits, . _ @ -; passwords: at least 12 characters)", e);
            }
        }
        registerApi(ctx, users, customers);
        registerPages(ctx);
    }

    /** The shell's own pages and menu entries; feature modules add theirs the same way. */
    private static void registerPages(KizunaContext ctx) {
        ConsoleContributions console = ctx.console();
        new LoginPages(ConsoleSessions.of(ctx)).register(console.pages());
        new DashboardPages().register(console.pages());
        CustomerPages customers = new CustomerPages();
        customers.register(console.pages());
        ctx.ports().provide(Customer360Page.class, customers);
        new JobPages().register(console.pages());
        new AuditPages().register(console.pages());
        new ApiReferencePages().register(console.pages());
        new UserPages().register(console.pages());
        console.menu(new Navigation.Item("dashboard", "nav.dashboard", "/", ConsoleRoutes.EVERY_ROLE, 0));
        console.menu(new Navigation.Item("customers", "nav.customers", "/customers", ConsoleRoutes.CUSTOMERS, 10));
        console.menu(new Navigation.Item("jobs", "nav.jobs", "/jobs", ConsoleRoutes.CONFIGURE, 900));
        console.menu(new Navigation.Item("audit", "nav.audit", "/audit", ConsoleRoutes.ADMIN_ONLY, 910));
        console.menu(new Navigation.Item("users", "nav.users", "/users", ConsoleRoutes.ADMIN_ONLY, 920));
        console.menu(new Navigation.Item("api-reference", "nav.api-reference", "/api-reference", ConsoleRoutes.CONFIGURE, 930));
    }

    record NewUser(String username, String displayName, String password, Role role, String locale) {
    }

    record UserChange(String displayName, Role role, String locale, Boolean disabled) {
    }

    record PasswordChange(String password) {
    }

    record CustomerHit(long memberId, String customerRef, String email, String displayName, boolean erased) {
    }

    record CustomerPage(String query, int page, List<CustomerHit> customers, boolean hasMore) {
    }

    private static void registerApi(KizunaContext ctx, AdminUsers users, CustomerDirectory customers) {
        ctx.api().doc("Lists the console users").returnsListOf(AdminUser.class)
                .get("/console/users", Access.admin(Role.ADMIN), r -> users.list());
        ctx.api().doc("Creates a console user").body(NewUser.class).returns(AdminUser.class).status(201)
                .post("/console/users", Access.admin(Role.ADMIN), r -> {
            NewUser u = r.body(NewUser.class);
            AdminUser created = users.create(u.username(), u.displayName(), u.password(), u.role(),
                    u.locale() == null ? "ja" : u.locale(), r.actor());
            return ApiResponse.created(created);
        });
        ctx.api().doc("Changes a console user's name, role, language or whether it may sign in").body(UserChange.class).returns(AdminUser.class)
                .put("/console/users/{id}", Access.admin(Role.ADMIN), r -> {
            UserChange c = r.body(UserChange.class);
            AdminUser current = users.find(r.pathLong("id"))
                    .orElseThrow(() -> new dev.kizuna.core.errors.NotFound("no console user " + r.path("id")));
            return users.update(current.id(), c.displayName() == null ? current.displayName() : c.displayName(),
                    c.role() == null ? current.role() : c.role(), c.locale() == null ? current.locale() : c.locale(),
                    c.disabled() == null ? current.disabled() : c.disabled(), r.actor());
        });
        ctx.api().doc("Sets a console user's password").body(PasswordChange.class).status(204)
                .put("/console/users/{id}/password", Access.admin(Role.ADMIN), r -> {
            PasswordChange c = r.body(PasswordChange.class);
            users.setPassword(r.pathLong("id"), c.password(), r.actor());
            return ApiResponse.noContent();
        });
        // Search for scripts and the console alike; the support role gets the same masking as on the pages.
        ctx.api().doc("Searches customers by id, e-mail, phone or part of a name (masked for support staff)")
                .get("/customers", Access.admin(Role.ADMIN, Role.MARKETER, Role.SUPPORT), r -> {
            boolean mask = r.caller() instanceof Caller.Admin a && a.role() == Role.SUPPORT;
            CustomerDirectory.Results res = customers.search(r.query("q").orElse(""),
                    r.queryInt("page", 1, 1, 10_000));
            return new CustomerPage(res.query(), res.page(), res.hits().stream().map(h -> new CustomerHit(h.memberId(),
                    h.customerRef(), mask ? PiiMask.email(h.email()) : h.email(),
                    mask ? PiiMask.name(h.displayName()) : h.displayName(), h.erased())).toList(), res.hasMore());
        });
    }
}
