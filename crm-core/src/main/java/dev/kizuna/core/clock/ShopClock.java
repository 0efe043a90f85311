package dev.kizuna.core.clock;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.text.InputDates;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock every Kizuna rule and job reads. In production it is the system clock; in a dev/demo install it can be
 * moved (to try return windows, expiry and birthdays without waiting). Once moved it keeps ticking from there.
 * A dev clock on a database ({@link #shared}) keeps its offset there: every node reads the same "now" (a move on
 * one node reaches the others within {@link #REFRESH}) and a restart keeps it.
 */
public final class ShopClock extends Clock implements AutoCloseable {
    /** How often a shared dev clock reads the offset another node may have moved. */
    public static final Duration REFRESH = Duration.ofMillis(250);

    private final ZoneId zone;
    private final boolean adjustable;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final DevClockStore store;
    private final ScheduledExecutorService refresher;
    private volatile long moves;

    public ShopClock(ZoneId zone, boolean adjustable) {
        this.zone = zone;
        this.adjustable = adjustable;
        this.store = null;
        this.refresher = null;
    }

    private ShopClock(ZoneId zone, Database db) {
        this.zone = zone;
        this.adjustable = true;
        this.store = new DevClockStore(db);
        store.offset().ifPresent(offset::set);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kizuna-dev-clock");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The shop clock of an install: the system clock, or in dev mode a movable clock kept in the database. */
    public static ShopClock shared(ZoneId zone, boolean adjustable, Database db) {
        return adjustable ? new ShopClock(zone, db) : new ShopClock(zone, false);
    }

    private void refresh() {
        try {
            long before = moves;
            Optional<Duration> stored = store.offset();
            synchronized (this) {
                // a move on this node while the row was read wins over what was read
                if (moves == before) {
                    stored.ifPresent(offset::set);
                }
            }
        } catch (RuntimeException e) {
            // the database is away for a moment (or closing): keep the offset read last
        }
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
        Duration moved = Duration.between(Instant.now(), now);
        if (store != null) {
            store.save(moved);
        }
        synchronized (this) {
            moves++;
            offset.set(moved);
        }
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
