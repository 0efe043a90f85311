package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaConfig;

import java.time.Duration;
import java.time.Instant;

/**
 * The operator's points configuration (README "Configuration"):
 * <ul>
 *   <li>{@code kizuna.points.return-window-days} (14): days after delivery before order points become available;</li>
 *   <li>{@code kizuna.points.expiry-policy} ({@code LOT}): {@code LOT} expires each lot {@code expiry-months} after it
 *       became available; {@code INACTIVITY} expires the whole balance {@code expiry-months} after the last earning;</li>
 *   <li>{@code kizuna.points.expiry-months} (12);</li>
 *   <li>{@code kizuna.points.min-redemption} (1), {@code kizuna.points.max-share-percent} (100): the fewest points a
 *       checkout may use and the largest share of the payable amount points may pay;</li>
 *   <li>{@code kizuna.points.point-value} (1): minor units of the shop currency one point pays;</li>
 *   <li>{@code kizuna.points.hold-minutes} (60): how long a reservation whose order never arrives holds points;</li>
 *   <li>{@code kizuna.points.base-rate-per-100} (1), {@code kizuna.points.registration-bonus} (0),
 *       {@code kizuna.points.first-order-bonus} (0): the earning rules until the merchant saves a version.</li>
 * </ul>
 */
public record PointsSettings(int returnWindowDays, ExpiryPolicy expiryPolicy, int expiryMonths, long minRedemption,
                             int maxSharePercent, long pointValueMinor, Duration hold, EarningRules defaults) {

    public enum ExpiryPolicy { LOT, INACTIVITY }

    public static PointsSettings from(KizunaConfig c) {
        int window = c.intValue("kizuna.points.return-window-days", 14);
        int months = c.intValue("kizuna.points.expiry-months", 12);
        long min = c.longValue("kizuna.points.min-redemption", 1);
        int share = c.intValue("kizuna.points.max-share-percent", 100);
        long value = c.longValue("kizuna.points.point-value", 1);
        int hold = c.intValue("kizuna.points.hold-minutes", 60);
        if (window < 0 || months < 1 || min < 1 || share < 1 || share > 100 || value < 1 || hold < 1) {
            throw new IllegalArgumentException("kizuna.points.*: return-window-days >= 0, expiry-months >= 1, "
                    + "min-redemption >= 1, max-share-percent 1..100, point-value >= 1, hold-minutes >= 1");
        }
        ExpiryPolicy policy = ExpiryPolicy.valueOf(c.get("kizuna.points.expiry-policy").orElse("LOT").trim().toUpperCase());
        EarningRules defaults = new EarningRules(null, c.intValue("kizuna.points.base-rate-per-100", 1),
                c.longValue("kizuna.points.registration-bonus", 0), c.longValue("kizuna.points.first-order-bonus", 0),
                Instant.EPOCH);
        return new PointsSettings(window, policy, months, min, share, value, Duration.ofMinutes(hold), defaults);
    }
}
