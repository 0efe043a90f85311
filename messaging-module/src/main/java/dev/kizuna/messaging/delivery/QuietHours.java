package dev.kizuna.messaging.delivery;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Hours of the shop's day in which no marketing message goes out; {@code from} after {@code to} spans midnight. */
public record QuietHours(LocalTime from, LocalTime to) {
    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public boolean contains(Instant at, ZoneId zone) {
        if (from.equals(to)) {
            return false;
        }
        LocalTime t = at.atZone(zone).toLocalTime();
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    /** When the quiet hours that contain {@code at} end ({@code at} itself outside them). */
    public Instant endAfter(Instant at, ZoneId zone) {
        if (!contains(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime end = local.with(to);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
