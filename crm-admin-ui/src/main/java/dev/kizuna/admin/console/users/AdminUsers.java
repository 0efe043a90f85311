package dev.kizuna.admin.console.users;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.crypto.PasswordHasher;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.web.Role;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's own users ({@code console_user}): Argon2id password hashes, one role each. Every change is
 * audit-logged; the last enabled admin can be neither demoted nor disabled, so the console never locks itself out.
 */
public final class AdminUsers {
    /** Verified against when the username is unknown, so an unknown name costs as much time as a wrong password. */
    private final String decoyHash;

    private final Database db;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public AdminUsers(Database db, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.decoyHash = hasher.hash("decoy-password-never-matches".toCharArray());
    }

    /** The persistence classes of the console users, for the module's {@code entityClasses()}. */
    public static List<Class<?>> entities() {
        return List.of(ConsoleUserEntity.class);
    }

    /** The user behind a correct username and password, if enabled. */
    public Optional<AdminUser> authenticate(String username, char[] password) {
        String name = PasswordPolicy.normalizeUsername(username);
        Optional<Credentials> c = db.inTransaction(tx -> byUsername(tx, name)
                .map(u -> detached(tx, new Credentials(u.id, u.passwordHash, u.disabled), u)));
        boolean ok = hasher.verify(password, c.map(Credentials::hash).orElse(decoyHash));
        if (!ok || c.isEmpty() || c.get().disabled()) {
            return Optional.empty();
        }
        return db.inTransaction(tx -> Optional.ofNullable(tx.session().get(ConsoleUserEntity.class, c.get().id()))
                .map(u -> {
                    u.lastLoginAt = now();
                    return u.toUser();
                }));
    }

    private record Credentials(long id, String hash, boolean disabled) {
    }

    public List<AdminUser> list() {
        return db.inTransaction(tx -> {
            List<ConsoleUserEntity> users = tx.session()
                    .createSelectionQuery("from ConsoleUserEntity order by username", ConsoleUserEntity.class)
                    .getResultList();
            List<AdminUser> out = users.stream().map(ConsoleUserEntity::toUser).toList();
            users.forEach(tx.session()::detach);
            return out;
        });
    }

    public Optional<AdminUser> find(long id) {
        return db.inTransaction(tx -> Optional.ofNullable(tx.session().get(ConsoleUserEntity.class, id))
                .map(u -> detached(tx, u.toUser(), u)));
    }

    public Optional<AdminUser> findByUsername(String username) {
        return db.inTransaction(tx -> byUsername(tx, PasswordPolicy.normalizeUsername(username))
                .map(u -> detached(tx, u.toUser(), u)));
    }

    private static Optional<ConsoleUserEntity> byUsername(Tx tx, String name) {
        return tx.session().createSelectionQuery("from ConsoleUserEntity where username = :name", ConsoleUserEntity.class)
                .setParameter("name", name).uniqueResultOptional();
    }

    /** {@code value}, read from {@code entity}, which a pure read leaves out of the session. */
    private static <T> T detached(Tx tx, T value, ConsoleUserEntity entity) {
        tx.session().detach(entity);
        return value;
    }

    private static ConsoleUserEntity load(Tx tx, long id) {
        ConsoleUserEntity u = tx.session().get(ConsoleUserEntity.class, id);
        if (u == null) {
            throw new NotFound("no console user " + id);
        }
        return u;
    }

    /** A new user; the username must be free and valid, the password must meet {@link PasswordPolicy}. */
    public AdminUser create(String username, String displayName, String password, Role role, String locale, String actor) {
        String name = PasswordPolicy.normalizeUsername(username);
        validateNew(name, password, role, locale);
        String hash = hasher.hash(password.toCharArray());
        return db.inTransaction(tx -> {
            if (byUsername(tx, name).isPresent()) {
                throw new InvalidInput("username", "username.taken");
            }
            Instant now = now();
            ConsoleUserEntity u = new ConsoleUserEntity();
            u.username = name;
            u.displayName = blankToNull(displayName);
            u.passwordHash = hash;
            u.role = role;
            u.locale = locale;
            u.createdAt = now;
            u.updatedAt = now;
            u.passwordChangedAt = now;
            tx.session().persist(u);
            AdminUser created = u.toUser();
            audit.record(tx, actor, "console.user.create", "console-user:" + name, null, auditView(created));
            return created;
        });
    }

    /** Changes role, name, language or the disabled flag of a user. */
    public AdminUser update(long id, String displayName, Role role, String locale, boolean disabled, String actor) {
        if (role == null) {
            throw new InvalidInput("role", "role.required");
        }
        if (!"ja".equals(locale) && !"en".equals(locale)) {
            throw new InvalidInput("locale", "locale.invalid");
        }
        return db.inTransaction(tx -> {
            lockUsers(tx);
            ConsoleUserEntity u = load(tx, id);
            AdminUser before = u.toUser();
            boolean losesAdmin = before.role() == Role.ADMIN && !before.disabled() && (role != Role.ADMIN || disabled);
            if (losesAdmin && enabledAdmins(tx) <= 1) {
                throw new Conflict("LAST_ADMIN", "user.last-admin");
            }
            u.displayName = blankToNull(displayName);
            u.role = role;
            u.locale = locale;
            u.disabled = disabled;
            u.updatedAt = now();
            AdminUser after = u.toUser();
            audit.record(tx, actor, "console.user.update", "console-user:" + after.username(), auditView(before), auditView(after));
            return after;
        });
    }

    /** Sets a new password (the user's own change or an admin's reset); the hash is never logged. */
    public void setPassword(long id, String password, String actor) {
        String username = find(id).orElseThrow(() -> new NotFound("no console user " + id)).username();
        PasswordPolicy.problem(username, password).ifPresent(p -> {
            throw new InvalidInput("password", p, PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH);
        });
        String hash = hasher.hash(password.toCharArray());
        db.execute(tx -> {
            Instant now = now();
            ConsoleUserEntity u = tx.session().get(ConsoleUserEntity.class, id);
            if (u != null) {
                u.passwordHash = hash;
                u.passwordChangedAt = now;
                u.updatedAt = now;
            }
            audit.record(tx, actor, "console.user.password", "console-user:" + username, null, Map.of("changed", true));
        });
    }

    /**
     * First run: creates {@code username} as an admin when no enabled admin exists yet (several nodes may start at
     * once: an advisory lock makes one of them do it). A disabled or demoted user of that name is made an enabled
     * admin with the given password.
     *
     * @return whether the user was created or restored
     */
    public boolean ensureInitialAdmin(String username, String password) {
        String name = PasswordPolicy.normalizeUsername(username);
        validateNew(name, password, Role.ADMIN, "ja");
        String hash = hasher.hash(password.toCharArray());
        return db.inTransaction(tx -> {
            lockUsers(tx);
            if (enabledAdmins(tx) > 0) {
                return false;
            }
            Instant now = now();
            Optional<ConsoleUserEntity> existing = byUsername(tx, name);
            ConsoleUserEntity u = existing.orElseGet(ConsoleUserEntity::new);
            if (existing.isEmpty()) {
                u.username = name;
                u.locale = "ja";
                u.createdAt = now;
            }
            u.role = Role.ADMIN;
            u.disabled = false;
            u.passwordHash = hash;
            u.updatedAt = now;
            u.passwordChangedAt = now;
            if (existing.isEmpty()) {
                tx.session().persist(u);
            }
            audit.record(tx, "system", "console.user.initial-admin", "console-user:" + name, null,
                    Map.of("username", name, "role", Role.ADMIN.name()));
            return true;
        });
    }

    private void validateNew(String name, String password, Role role, String locale) {
        PasswordPolicy.usernameProblem(name).ifPresent(p -> {
            throw new InvalidInput("username", p);
        });
        if (role == null) {
            throw new InvalidInput("role", "role.required");
        }
        if (!"ja".equals(locale) && !"en".equals(locale)) {
            throw new InvalidInput("locale", "locale.invalid");
        }
        PasswordPolicy.problem(name, password).ifPresent(p -> {
            throw new InvalidInput("password", p, PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH);
        });
    }

    private static void lockUsers(Tx tx) {
        tx.sql().one("SELECT pg_advisory_xact_lock(hashtext('kizuna.console_user'))", rs -> 1);
    }

    private static long enabledAdmins(Tx tx) {
        return tx.session().createSelectionQuery(
                "select count(*) from ConsoleUserEntity where role = :admin and not disabled", Long.class)
                .setParameter("admin", Role.ADMIN).getSingleResult();
    }

    private static Map<String, Object> auditView(AdminUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.username());
        m.put("displayName", u.displayName());
        m.put("role", u.role().name());
        m.put("locale", u.locale());
        m.put("disabled", u.disabled());
        return m;
    }

    /** Now, at the database's precision, so what a change returns reads as what it stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
