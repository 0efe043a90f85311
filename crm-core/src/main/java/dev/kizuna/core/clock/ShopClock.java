package dev.kizuna.core.clock;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.InputDates;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock every Kizuna rule and job reads. In production it is the system clock; in a dev/demo install it can be
 * moved (to try return windows, expiry and birthdays without waiting). Once moved it keeps ticking from there.
 */
public final class ShopClock extends Clock {
    private final ZoneId zone;
    private final boolean adjustable;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public ShopClock(ZoneId zone, boolean adjustable) {
        this.zone = zone;
        this.adjustable = adjustable;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    public boolean adjustable() {
        return adjustable;
    }

    /** Moves the shop's "now" (dev installs only); a year outside 1900–2200 is refused (field {@code now}). */
    public void set(Instant now) {
        if (!adjustable) {
            throw new IllegalStateException("the shop clock can only be set in a dev install");
        }
        if (now == null) {
            throw new InvalidInput("now", "required");
        }
        if (!InputDates.sane(now)) {
            throw new InvalidInput("now", "year-out-of-range", InputDates.MIN_YEAR_TEXT, InputDates.MAX_YEAR_TEXT);
        }
        offset.set(Duration.between(Instant.now(), now));
    }
}
