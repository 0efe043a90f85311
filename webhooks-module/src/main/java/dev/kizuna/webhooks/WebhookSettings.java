package dev.kizuna.webhooks;

import dev.kizuna.core.KizunaConfig;

import java.time.Duration;

/**
 * What the operator sets for outbound webhooks ({@code kizuna.webhooks.*}): the retry schedule (exponential from
 * {@code backoff-base}, each wait at most {@code backoff-max}, dead after {@code retry-for}), when a failing endpoint
 * is disabled, the bounds of one request, how long a rotated secret keeps signing, and whether endpoints in private
 * and loopback ranges are allowed (a test's local receiver only; link-local addresses never are).
 */
public record WebhookSettings(boolean allowPrivateAddresses, Duration backoffBase, Duration backoffMax, Duration retryFor,
                              Duration disableAfter, Duration timeout, int maxResponseBytes, Duration secretOverlap,
                              int batchSize) {

    /** How much of a response the deliveries page keeps. */
    public static final int EXCERPT_CHARS = 1_000;

    static WebhookSettings of(KizunaConfig config) {
        return new WebhookSettings(
                config.bool("kizuna.webhooks.allow-private-addresses", false),
                duration(config, "kizuna.webhooks.backoff-base", "PT5S"),
                duration(config, "kizuna.webhooks.backoff-max", "PT6H"),
                duration(config, "kizuna.webhooks.retry-for", "P3D"),
                duration(config, "kizuna.webhooks.disable-after", "P5D"),
                duration(config, "kizuna.webhooks.timeout", "PT10S"),
                config.intValue("kizuna.webhooks.max-response-bytes", 64 * 1024),
                duration(config, "kizuna.webhooks.secret-overlap", "PT24H"),
                config.intValue("kizuna.webhooks.batch-size", 200));
    }

    private static Duration duration(KizunaConfig config, String key, String fallback) {
        return Duration.parse(config.get(key).orElse(fallback));
    }

    /** The wait after the {@code attempts}-th failed attempt: base, 2×base, 4×base … at most {@link #backoffMax}. */
    public Duration backoffAfter(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 40);
        Duration wait = backoffBase;
        for (int i = 0; i < doublings && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }
}
