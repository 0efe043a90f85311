package dev.kizuna.admin.console.login;

import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.throttle.Backoff;

import java.time.Duration;

/**
 * How failed sign-ins slow the next ones, never a hard lock a stranger could set on the real owner:
 * <ul>
 *   <li>{@code account}: per username <em>and</em> client address. Five wrong passwords for {@code admin} from one
 *       address make that address wait (1 minute, doubling to 15); the owner signing in from another address is not
 *       slowed at all, and a right password from the failing address ends its streak.</li>
 *   <li>{@code address}: per client address over all usernames (password spraying): 20 failures, then the same
 *       growing wait, capped, for that address only. A proxy shared by many users slows them, never locks them.</li>
 * </ul>
 * Configuration: {@code kizuna.console.login.free-failures} (5), {@code …free-failures-per-address} (20),
 * {@code …first-wait-seconds} (60), {@code …max-wait-minutes} (15), {@code …forget-hours} (24: a streak is
 * forgotten a day after its last failure).
 */
public record LoginBackoff(Backoff account, Backoff address) {

    public static final LoginBackoff DEFAULT = new LoginBackoff(
            new Backoff(5, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(24)),
            new Backoff(20, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(24)));

    public static LoginBackoff from(KizunaConfig config) {
        Duration first = Duration.ofSeconds(config.intValue("kizuna.console.login.first-wait-seconds", 60));
        Duration max = Duration.ofMinutes(config.intValue("kizuna.console.login.max-wait-minutes", 15));
        Duration forget = Duration.ofHours(config.intValue("kizuna.console.login.forget-hours", 24));
        return new LoginBackoff(
                new Backoff(config.intValue("kizuna.console.login.free-failures", DEFAULT.account.free()), first, max, forget),
                new Backoff(config.intValue("kizuna.console.login.free-failures-per-address", DEFAULT.address.free()),
                        first, max, forget));
    }
}
