package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.errors.TooManyAttempts;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sliding window of failed code attempts per shopper and per client address, in the database so every node
 * counts the same attempts. Guessing a personal code needs on the order of 2^84 tries; this keeps a script from
 * trying more than a handful per window.
 */
final class FailedAttempts {
    private final Database db;
    private final Clock clock;
    private final int perShopper;
    private final int perAddress;
    private final Duration window;

    FailedAttempts(Database db, Clock clock, int perShopper, int perAddress, Duration window) {
        this.db = db;
        this.clock = clock;
        this.perShopper = perShopper;
        this.perAddress = perAddress;
        this.window = window;
    }

    /** Refuses with {@link TooManyAttempts} while the shopper or the address has used up its failures. */
    void check(String customerRef, String clientAddress) {
        Instant now = clock.instant();
        Optional<Duration> wait = db.inTransaction(tx -> {
            Optional<Duration> longest = Optional.empty();
            for (Key k : keys(customerRef, clientAddress)) {
                // the attempt whose leaving the window frees a try: the limit-th newest
                Optional<Instant> blocking = tx.sql().one("""
                        SELECT at FROM coupon_failed_attempt WHERE key = ? AND at > ? ORDER BY at DESC OFFSET ? LIMIT 1""",
                        rs -> Sql.instant(rs, "at"), k.key(), now.minus(window), k.limit() - 1);
                if (blocking.isPresent()) {
                    Duration d = Duration.between(now, blocking.get().plus(window));
                    if (longest.isEmpty() || d.compareTo(longest.get()) > 0) {
                        longest = Optional.of(d);
                    }
                }
            }
            return longest;
        });
        if (wait.isPresent()) {
            throw new TooManyAttempts("too many wrong coupon codes; try again later", wait.get());
        }
    }

    /** Records one failure for the shopper and the address, in its own transaction (the refusal rolls back the rest). */
    void failed(String customerRef, String clientAddress) {
        Instant now = clock.instant();
        db.execute(tx -> {
            for (Key k : keys(customerRef, clientAddress)) {
                tx.sql().update("DELETE FROM coupon_failed_attempt WHERE key = ? AND at <= ?", k.key(), now.minus(window));
                tx.sql().update("INSERT INTO coupon_failed_attempt (key, at) VALUES (?, ?)", k.key(), now);
            }
        });
    }

    private record Key(String key, int limit) {
    }

    private List<Key> keys(String customerRef, String clientAddress) {
        List<Key> keys = new ArrayList<>(2);
        if (customerRef != null) {
            keys.add(new Key("shopper:" + customerRef, perShopper));
        }
        if (clientAddress != null && !clientAddress.isBlank()) {
            keys.add(new Key("address:" + clientAddress, perAddress));
        }
        return keys;
    }
}
