package dev.kizuna.core.scheduling;

import java.time.Duration;

/** How long to wait before retrying something that failed (an event, a mail): 2, 4, 8 … minutes, at most 6 hours. */
public final class RetryBackoff {
    private static final long MAX_MINUTES = 360;

    private RetryBackoff() {
    }

    public static Duration afterAttempts(int attempts) {
        return Duration.ofMinutes(Math.min(1L << Math.min(Math.max(attempts, 1), 9), MAX_MINUTES));
    }
}
