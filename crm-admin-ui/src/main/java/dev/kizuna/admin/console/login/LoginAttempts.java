package dev.kizuna.admin.console.login;

import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.throttle.Throttle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Sign-in attempts: the back-off ({@link LoginBackoff}) in {@code console_login_throttle}, claimed and committed
 * before the password is checked so parallel guesses are counted exactly and none is checked past a limit, and the
 * trail of checked attempts in {@code console_login_attempt}. Both are shared by every node of the cluster.
 */
public final class LoginAttempts {
    private final Database db;
    private final Clock clock;
    private final LoginBackoff backoff;
    private final Throttle throttle;
    private final KizunaMetrics metrics;

    public LoginAttempts(Database db, Clock clock, LoginBackoff backoff, KizunaMetrics metrics) {
        this.db = db;
        this.metrics = metrics;
        this.clock = clock;
        this.backoff = backoff;
        this.throttle = new Throttle("console_login_throttle", clock);
    }

    public LoginBackoff backoff() {
        return backoff;
    }

    /**
     * Claims a sign-in attempt for the username from the address: refused (with the wait) while either must still
     * wait; admitted, it counts as a failure until {@link #succeeded} takes it back.
     */
    public Throttle.Claim claim(String username, String clientAddress) {
        Throttle.Claim claim = db.inTransaction(tx -> throttle.claim(tx, limits(username, clientAddress)));
        if (!claim.admitted()) {
            metrics.loginFailed("held-back");
        }
        return claim;
    }

    /** The password was right: the account's streak from this address ends, the address gets its try back. */
    public void succeeded(Throttle.Claim claim, String username, String clientAddress) {
        db.execute(tx -> {
            throttle.reset(tx, accountKey(username, clientAddress));
            throttle.refund(tx, claim.limits().stream().filter(l -> l.key().equals(addressKey(clientAddress))).toList());
            trail(tx, username, clientAddress, true);
        });
    }

    /** The password was wrong (the claim counted it already); recorded in the trail. */
    public void failed(String username, String clientAddress) {
        db.execute(tx -> trail(tx, username, clientAddress, false));
        metrics.loginFailed("wrong-password");
    }

    private void trail(dev.kizuna.core.persistence.Tx tx, String username, String clientAddress, boolean succeeded) {
        tx.sql().update("""
                INSERT INTO console_login_attempt (username, client_address, attempted_at, succeeded) VALUES (?, ?, ?, ?)""",
                username, clientAddress, clock.instant(), succeeded);
    }

    private List<Throttle.Limit> limits(String username, String clientAddress) {
        return List.of(new Throttle.Limit(accountKey(username, clientAddress), backoff.account()),
                new Throttle.Limit(addressKey(clientAddress), backoff.address()));
    }

    static String accountKey(String username, String clientAddress) {
        return "account:" + username + "@" + clientAddress;
    }

    static String addressKey(String clientAddress) {
        return "address:" + clientAddress;
    }

    /**
     * Forgets attempts older than {@code before} (the housekeeping job keeps 90 days as a sign-in trail) and
     * back-off streaks whose last failure is older than the forget period.
     */
    public int purgeBefore(Instant before) {
        return db.inTransaction(tx -> {
            java.time.Duration forget = backoff.account().forget().compareTo(backoff.address().forget()) > 0
                    ? backoff.account().forget() : backoff.address().forget();
            throttle.purgeBefore(tx, clock.instant().minus(forget));
            return tx.sql().update("DELETE FROM console_login_attempt WHERE attempted_at < ?", before);
        });
    }
}
