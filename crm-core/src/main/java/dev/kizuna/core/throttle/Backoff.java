package dev.kizuna.core.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Growing delays after failures (OWASP's exponential back-off): the first {@code free} failures of a streak cost
 * nothing; from the {@code free}-th on, the next attempt must wait {@code base}, doubled with every further failure,
 * never longer than {@code cap}. A streak is forgotten {@code forget} after its last failure. There is no hard lock:
 * after the wait, one more attempt is always checked.
 */
public record Backoff(int free, Duration base, Duration cap, Duration forget) {

    public Backoff {
        if (free < 1 || base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || forget.compareTo(cap) < 0) {
            throw new IllegalArgumentException("back-off needs free >= 1 and 0 < base <= cap <= forget");
        }
    }

    /** The wait required after the {@code failures}-th failure of a streak (zero while some are still free). */
    public Duration waitAfter(int failures) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - free, 30);
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    /** One key's streak: failures counted so far, the last of them, and until when no attempt is checked. */
    public record Streak(int failures, Instant lastFailure, Instant blockedUntil) {
        public static final Streak NONE = new Streak(0, null, null);
    }

    /** The streak as it stands at {@code now}: an old streak is forgotten. */
    public Streak current(Streak s, Instant now) {
        if (s.lastFailure() == null || !now.isBefore(s.lastFailure().plus(forget))) {
            return Streak.NONE;
        }
        return s;
    }

    /** How long an attempt at {@code now} must still wait, if it must. */
    public Optional<Duration> waitAt(Streak s, Instant now) {
        Streak c = current(s, now);
        return c.blockedUntil() != null && now.isBefore(c.blockedUntil())
                ? Optional.of(Duration.between(now, c.blockedUntil())) : Optional.empty();
    }

    /** The streak after one more failure at {@code now}. */
    public Streak failed(Streak s, Instant now) {
        int n = current(s, now).failures() + 1;
        Duration wait = waitAfter(n);
        return new Streak(n, now, wait.isZero() ? null : now.plus(wait));
    }

    /** The streak with one counted failure taken back (an attempt that was counted before it turned out right). */
    public Streak refunded(Streak s, Instant now) {
        Streak c = current(s, now);
        if (c.failures() <= 1) {
            return Streak.NONE;
        }
        int n = c.failures() - 1;
        Duration wait = waitAfter(n);
        return new Streak(n, c.lastFailure(), wait.isZero() ? null : c.lastFailure().plus(wait));
    }
}
