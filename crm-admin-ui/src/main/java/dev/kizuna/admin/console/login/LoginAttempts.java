package dev.kizuna.admin.console.login;

import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sign-in attempts in {@code console_login_attempt}, shared by every node of the cluster so a lockout holds
 * wherever the next attempt lands.
 */
public final class LoginAttempts {
    private final Database db;
    private final Clock clock;
    private final LockoutPolicy policy;

    public LoginAttempts(Database db, Clock clock, LockoutPolicy policy) {
        this.db = db;
        this.clock = clock;
        this.policy = policy;
    }

    public LockoutPolicy policy() {
        return policy;
    }

    /** Until when the username (or the address) is locked out, if it is now. */
    public Optional<Instant> lockedUntil(String username, String clientAddress) {
        Instant now = clock.instant();
        Instant from = now.minus(policy.window());
        return db.inTransaction(tx -> {
            List<Instant> byUser = tx.sql().list("""
                    SELECT attempted_at FROM console_login_attempt
                    WHERE username = ? AND NOT succeeded AND attempted_at > ?
                      AND attempted_at > coalesce((SELECT max(attempted_at) FROM console_login_attempt
                                                   WHERE username = ? AND succeeded), '-infinity')
                    ORDER BY attempted_at DESC LIMIT ?""",
                    rs -> Sql.instant(rs, "attempted_at"), username, from, username, policy.maxFailures());
            List<Instant> byAddress = tx.sql().list("""
                    SELECT attempted_at FROM console_login_attempt
                    WHERE client_address = ? AND NOT succeeded AND attempted_at > ?
                    ORDER BY attempted_at DESC LIMIT ?""",
                    rs -> Sql.instant(rs, "attempted_at"), clientAddress, from, policy.maxFailuresPerAddress());
            return policy.lockedUntil(byUser, byAddress, now);
        });
    }

    public void record(String username, String clientAddress, boolean succeeded) {
        db.execute(tx -> tx.sql().update("""
                INSERT INTO console_login_attempt (username, client_address, attempted_at, succeeded) VALUES (?, ?, ?, ?)""",
                username, clientAddress, clock.instant(), succeeded));
    }

    /** Forgets attempts older than {@code before} (the housekeeping job keeps 90 days as a sign-in trail). */
    public int purgeBefore(Instant before) {
        return db.inTransaction(tx -> tx.sql().update("DELETE FROM console_login_attempt WHERE attempted_at < ?", before));
    }
}
