package dev.kizuna.core.throttle;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Counts attempts against {@link Backoff}s, one row per key in a feature's throttle table
 * ({@code key text PRIMARY KEY, failures int NOT NULL, last_failure_at timestamptz, blocked_until timestamptz}).
 * {@link #claim} locks every key's row (in key order, so two claims never deadlock), refuses if any key must still
 * wait, and otherwise counts the attempt as a failure of every key <em>before</em> the caller checks it; the caller
 * commits the claim first, so parallel attempts are counted exactly and none is checked past a limit. An attempt that
 * turns out right is {@link #refund}ed (or its key {@link #reset}).
 */
public final class Throttle {
    private static final Pattern TABLE = Pattern.compile("[a-z_]{1,60}");

    private final String table;
    private final Clock clock;

    public Throttle(String table, Clock clock) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("throttle table name: " + table);
        }
        this.table = table;
        this.clock = clock;
    }

    /** One key an attempt counts against, with its back-off. */
    public record Limit(String key, Backoff backoff) {
    }

    /** An attempt: admitted (and counted under {@code limits}) or refused for {@code retryAfter}. */
    public record Claim(List<Limit> limits, Optional<Duration> retryAfter) {
        public boolean admitted() {
            return retryAfter.isEmpty();
        }

        /** The refusal's wait in whole minutes, at least one: what the "try again in N minutes" text says. */
        public long minutes() {
            return retryAfter.map(d -> Math.max(1, (d.toSeconds() + 59) / 60)).orElse(0L);
        }
    }

    /** Claims one attempt under every limit (see the class comment). Refused claims count nothing. */
    public Claim claim(Tx tx, List<Limit> limits) {
        Instant now = clock.instant();
        List<Limit> sorted = new ArrayList<>(limits);
        sorted.sort(Comparator.comparing(Limit::key));
        Map<String, Backoff.Streak> streaks = lock(tx, sorted);
        Duration longest = null;
        for (Limit l : sorted) {
            Optional<Duration> wait = l.backoff().waitAt(streaks.get(l.key()), now);
            if (wait.isPresent() && (longest == null || wait.get().compareTo(longest) > 0)) {
                longest = wait.get();
            }
        }
        if (longest != null) {
            return new Claim(List.copyOf(sorted), Optional.of(longest));
        }
        for (Limit l : sorted) {
            write(tx, l.key(), l.backoff().failed(streaks.get(l.key()), now));
        }
        return new Claim(List.copyOf(sorted), Optional.empty());
    }

    /** Takes back the failure an admitted claim counted, under every key it was counted against. */
    public void refund(Tx tx, Claim claim) {
        refund(tx, claim.limits());
    }

    /** Takes back one counted failure of each of {@code limits}. */
    public void refund(Tx tx, List<Limit> limits) {
        Instant now = clock.instant();
        Map<String, Backoff.Streak> streaks = lock(tx, limits);
        for (Limit l : limits) {
            write(tx, l.key(), l.backoff().refunded(streaks.get(l.key()), now));
        }
    }

    /** Ends the key's streak (the owner proved who they are from there). */
    public void reset(Tx tx, String key) {
        tx.sql().update("DELETE FROM " + table + " WHERE key = ?", key);
    }

    /** The key's streak as stored (tests and reports). */
    public Backoff.Streak streak(Tx tx, String key) {
        return tx.sql().one("SELECT failures, last_failure_at, blocked_until FROM " + table + " WHERE key = ?",
                rs -> new Backoff.Streak(rs.getInt(1), Sql.instant(rs, "last_failure_at"), Sql.instant(rs, "blocked_until")),
                key).orElse(Backoff.Streak.NONE);
    }

    /** Forgets streaks whose last failure is older than {@code before}. */
    public int purgeBefore(Tx tx, Instant before) {
        return tx.sql().update("DELETE FROM " + table + " WHERE last_failure_at IS NULL OR last_failure_at < ?", before);
    }

    private Map<String, Backoff.Streak> lock(Tx tx, List<Limit> limits) {
        String[] keys = limits.stream().map(Limit::key).sorted().distinct().toArray(String[]::new);
        // the rows must exist to be locked; ON CONFLICT DO NOTHING waits for a parallel insert of the same key
        tx.sql().update("INSERT INTO " + table + " (key, failures) SELECT k, 0 FROM unnest(?::text[]) AS k ORDER BY k "
                + "ON CONFLICT (key) DO NOTHING", tx.sql().textArray(keys));
        Map<String, Backoff.Streak> streaks = new HashMap<>();
        tx.sql().list("SELECT key, failures, last_failure_at, blocked_until FROM " + table
                        + " WHERE key = ANY(?) ORDER BY key FOR UPDATE",
                rs -> streaks.put(rs.getString("key"), rs.getInt("failures") == 0 ? Backoff.Streak.NONE
                        : new Backoff.Streak(rs.getInt("failures"), Sql.instant(rs, "last_failure_at"),
                        Sql.instant(rs, "blocked_until"))), tx.sql().textArray(keys));
        for (String k : keys) {
            streaks.putIfAbsent(k, Backoff.Streak.NONE); // forgotten by a purge between the insert and the lock
        }
        return streaks;
    }

    private void write(Tx tx, String key, Backoff.Streak s) {
        tx.sql().update("INSERT INTO " + table + " (key, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, last_failure_at = EXCLUDED.last_failure_at, "
                + "blocked_until = EXCLUDED.blocked_until", key, s.failures(), s.lastFailure(), s.blockedUntil());
    }
}
