package dev.kizuna.admin.console.login;

import dev.kizuna.core.KizunaConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When repeated failed sign-ins lock a console account: {@code maxFailures} failures of one username within the
 * trailing {@code window} (a successful sign-in clears the count), or {@code maxFailuresPerAddress} failures from
 * one client address across any usernames (password spraying). The lock lifts once the failures age out of the
 * window; attempts while locked are not even checked, so they neither count nor reveal whether the password was right.
 */
public record LockoutPolicy(int maxFailures, int maxFailuresPerAddress, Duration window) {

    public LockoutPolicy {
        if (maxFailures < 1 || maxFailuresPerAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("lockout needs positive limits and window");
        }
    }

    public static final LockoutPolicy DEFAULT = new LockoutPolicy(5, 20, Duration.ofMinutes(15));

    /**
     * {@code kizuna.console.lockout.max-failures} (5), {@code kizuna.console.lockout.max-failures-per-address} (20),
     * {@code kizuna.console.lockout.window-minutes} (15).
     */
    public static LockoutPolicy from(KizunaConfig config) {
        return new LockoutPolicy(config.intValue("kizuna.console.lockout.max-failures", DEFAULT.maxFailures),
                config.intValue("kizuna.console.lockout.max-failures-per-address", DEFAULT.maxFailuresPerAddress),
                Duration.ofMinutes(config.intValue("kizuna.console.lockout.window-minutes", (int) DEFAULT.window.toMinutes())));
    }

    /**
     * Until when sign-in is refused, or empty when it may be tried.
     *
     * @param userFailures    failures of the username since its last success, any order
     * @param addressFailures failures from the client address, any order
     */
    public Optional<Instant> lockedUntil(List<Instant> userFailures, List<Instant> addressFailures, Instant now) {
        Optional<Instant> byUser = until(userFailures, maxFailures, now);
        Optional<Instant> byAddress = until(addressFailures, maxFailuresPerAddress, now);
        if (byUser.isPresent() && byAddress.isPresent()) {
            return Optional.of(byUser.get().isAfter(byAddress.get()) ? byUser.get() : byAddress.get());
        }
        return byUser.isPresent() ? byUser : byAddress;
    }

    /** The earliest time fewer than {@code limit} failures remain inside the window, if that is still ahead. */
    private Optional<Instant> until(List<Instant> failures, int limit, Instant now) {
        Instant from = now.minus(window);
        List<Instant> recent = failures.stream().filter(t -> t.isAfter(from) && !t.isAfter(now))
                .sorted((a, b) -> b.compareTo(a)).toList();
        if (recent.size() < limit) {
            return Optional.empty();
        }
        // With the newest `limit` failures in the window, the lock lasts until the oldest of them ages out.
        return Optional.of(recent.get(limit - 1).plus(window));
    }
}
