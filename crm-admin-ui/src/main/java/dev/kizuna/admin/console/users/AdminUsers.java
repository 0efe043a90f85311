package dev.kizuna.admin.console.users;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.crypto.PasswordHasher;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.web.Role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
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

    /** The user behind a correct username and password, if enabled. */
    public Optional<AdminUser> authenticate(String username, char[] password) {
        String name = PasswordPolicy.normalizeUsername(username);
        Optional<Credentials> c = db.inTransaction(tx -> tx.sql().one(
                "SELECT id, password_hash, disabled FROM console_user WHERE username = ?",
                rs -> new Credentials(rs.getLong(1), rs.getString(2), rs.getBoolean(3)), name));
        boolean ok = hasher.verify(password, c.map(Credentials::hash).orElse(decoyHash));
        if (!ok || c.isEmpty() || c.get().disabled()) {
            return Optional.empty();
        }
        return db.inTransaction(tx -> {
            tx.sql().update("UPDATE console_user SET last_login_at = ? WHERE id = ?", clock.instant(), c.get().id());
            return find(tx, c.get().id());
        });
    }

    private record Credentials(long id, String hash, boolean disabled) {
    }

    public List<AdminUser> list() {
        return db.inTransaction(tx -> tx.sql().list(SELECT + " ORDER BY username", AdminUsers::map));
    }

    public Optional<AdminUser> find(long id) {
        return db.inTransaction(tx -> find(tx, id));
    }

    public Optional<AdminUser> findByUsername(String username) {
        return db.inTransaction(tx -> tx.sql().one(SELECT + " WHERE username = ?", AdminUsers::map,
                PasswordPolicy.normalizeUsername(username)));
    }

    private static Optional<AdminUser> find(Tx tx, long id) {
        return tx.sql().one(SELECT + " WHERE id = ?", AdminUsers::map, id);
    }

    /** A new user; the username must be free and valid, the password must meet {@link PasswordPolicy}. */
    public AdminUser create(String username, String displayName, String password, Role role, String locale, String actor) {
        String name = PasswordPolicy.normalizeUsername(username);
        validateNew(name, password, role, locale);
        String hash = hasher.hash(password.toCharArray());
        return db.inTransaction(tx -> {
            if (tx.sql().number("SELECT count(*) FROM console_user WHERE username = ?", name) > 0) {
                throw new InvalidInput("username", "username.taken");
            }
            Instant now = clock.instant();
            long id = tx.sql().one("""
                    INSERT INTO console_user (username, display_name, password_hash, role, locale, created_at, updated_at,
                                              password_changed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1),
                    name, blankToNull(displayName), hash, role, locale, now, now, now).orElseThrow();
            AdminUser created = find(tx, id).orElseThrow();
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
            AdminUser before = find(tx, id).orElseThrow(() -> new NotFound("no console user " + id));
            boolean losesAdmin = before.role() == Role.ADMIN && !before.disabled() && (role != Role.ADMIN || disabled);
            if (losesAdmin && enabledAdmins(tx) <= 1) {
                throw new Conflict("LAST_ADMIN", "user.last-admin");
            }
            tx.sql().update("""
                    UPDATE console_user SET display_name = ?, role = ?, locale = ?, disabled = ?, updated_at = ?
                    WHERE id = ?""", blankToNull(displayName), role, locale, disabled, clock.instant(), id);
            AdminUser after = find(tx, id).orElseThrow();
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
            Instant now = clock.instant();
            tx.sql().update("UPDATE console_user SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?",
                    hash, now, now, id);
            audit.record(tx, actor, "console.user.password", "console-user:" + username, null, Map.of("changed", true));
        });
    }

    /**
     * First run: creates {@code username} as an admin when no enabled admin exists yet (several nodes may start at
     * once: an advisory lock makes one of them do it).
     *
     * @return whether the user was created
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
            Instant now = clock.instant();
            int inserted = tx.sql().update("""
                    INSERT INTO console_user (username, password_hash, role, locale, created_at, updated_at, password_changed_at)
                    VALUES (?, ?, 'ADMIN', 'ja', ?, ?, ?) ON CONFLICT (username) DO UPDATE
                    SET role = 'ADMIN', disabled = false, password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at,
                        password_changed_at = EXCLUDED.password_changed_at""", name, hash, now, now, now);
            audit.record(tx, "system", "console.user.initial-admin", "console-user:" + name, null,
                    Map.of("username", name, "role", Role.ADMIN.name()));
            return inserted > 0;
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
        return tx.sql().number("SELECT count(*) FROM console_user WHERE role = 'ADMIN' AND NOT disabled");
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static final String SELECT = """
            SELECT id, username, display_name, role, locale, disabled, created_at, password_changed_at, last_login_at
            FROM console_user""";

    private static AdminUser map(ResultSet rs) throws SQLException {
        return new AdminUser(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)),
                rs.getString(5), rs.getBoolean(6), Sql.instant(rs, "created_at"), Sql.instant(rs, "password_changed_at"),
                Sql.instant(rs, "last_login_at"));
    }
}
