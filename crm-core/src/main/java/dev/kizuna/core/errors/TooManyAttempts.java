package dev.kizuna.core.errors;

import java.time.Duration;

/** The caller tried too often (e.g. guessing coupon codes); answer 429 with Retry-After. */
public class TooManyAttempts extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public TooManyAttempts(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
