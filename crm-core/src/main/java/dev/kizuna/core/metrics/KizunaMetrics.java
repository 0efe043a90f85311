package dev.kizuna.core.metrics;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.EventPublisher.Outcome;
import dev.kizuna.core.spi.HostEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Kizuna's meters, on the host's Micrometer registry or on a Prometheus registry of its own. Counters and timers
 * move where the thing happens; figures that need the database (points liability, the host outbox's backlog, job
 * progress) are read by a background refresh and kept, so a scrape never waits on the database and a database that
 * is down leaves the last figures (the health check is what reports it down).
 */
public final class KizunaMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KizunaMetrics.class);
    static final Duration REFRESH = Duration.ofSeconds(15);

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry own;
    private final List<Refreshed> figures = new CopyOnWriteArrayList<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService refresher;

    /** A figure read from the database: its meters read {@link #values()} of the last refresh. */
    private static final class Refreshed {
        final String what;
        final Supplier<Map<List<String>, Double>> query;
        volatile Map<List<String>, Double> values = Map.of();

        Refreshed(String what, Supplier<Map<List<String>, Double>> query) {
            this.what = what;
            this.query = query;
        }
    }

    private KizunaMetrics(MeterRegistry registry, PrometheusMeterRegistry own) {
        this.registry = registry;
        this.own = own;
    }

    /** On the host's registry (a Spring host's, say); the host scrapes or pushes it. */
    public static KizunaMetrics on(MeterRegistry registry) {
        return new KizunaMetrics(registry, null);
    }

    /** On a Prometheus registry of Kizuna's own, which {@link #scrape()} renders. */
    public static KizunaMetrics ownPrometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return new KizunaMetrics(registry, registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of Kizuna's own registry; empty when the meters are on the host's. */
    public Optional<String> scrape() {
        return Optional.ofNullable(own).map(PrometheusMeterRegistry::scrape);
    }

    /** What one intake call received and how each event came out, and how long the call took. */
    public void eventsTaken(List<? extends HostEvent> events, List<Outcome> outcomes, Duration took) {
        for (int i = 0; i < events.size(); i++) {
            String type = events.get(i).getClass().getSimpleName();
            count("kizuna.events.received", "events handed to the intake", "type", type);
            Outcome o = outcomes.get(i);
            count("kizuna.events." + o.name().toLowerCase(Locale.ROOT), "events by outcome of their intake", "type", type);
        }
        Timer.builder("kizuna.events.intake").description("time to take and apply one batch of events")
                .register(registry).record(took);
    }

    /** A stored event applied again by the retry job (a failed one after its backoff, a parked one released). */
    public void eventRetried(String type, Outcome outcome) {
        count("kizuna.events.retried", "stored events applied again, by outcome", "type", type,
                "outcome", outcome.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Ledger entries written in {@code tx}, by kind (EARN, CONFIRM, REDEEM …), counted once it commits (in a host's
     * transaction, which Kizuna does not see commit, at once).
     */
    public void ledgerEntries(Tx tx, String kind, long entries) {
        if (entries <= 0) {
            return;
        }
        Counter c = counter("kizuna.points.ledger.entries", "points ledger entries written", "kind", kind);
        if (tx.hostTransaction()) {
            c.increment(entries);
        } else {
            tx.afterCommit(() -> c.increment(entries));
        }
    }

    /** A finished job run: its outcome (SUCCEEDED, FAILED) and how long it took. */
    public void jobRun(String job, String outcome, Duration took) {
        Timer.builder("kizuna.jobs.runs").description("job runs by outcome, with their duration")
                .tag("job", job).tag("outcome", outcome.toLowerCase(Locale.ROOT))
                .register(registry).record(took);
    }

    /** A console sign-in that failed: {@code wrong-password} (or unknown user) or {@code held-back} by the back-off. */
    public void loginFailed(String reason) {
        count("kizuna.console.login.failures", "console sign-ins that failed", "reason", reason);
    }

    /** A coupon code lookup refused by the guessing back-off. */
    public void couponGuessRefused() {
        count("kizuna.coupons.guesses.refused", "coupon code lookups refused by the guessing back-off");
    }

    /** The points all members hold (available and pending), what the shop owes: refreshed in the background. */
    public void pointsLiability(Supplier<Number> query) {
        figure("kizuna.points.liability", "points held by members (available and pending)", List.of(),
                () -> Map.of(List.of(), query.get().doubleValue()));
    }

    /**
     * A gauge per tag values, from a query the background refresh runs: {@code query} answers the tag values
     * (in the order of {@code tags}) with their figure, and {@code expected} lists the tag values registered up front
     * (a value the query does not answer reads 0).
     */
    public void figure(String name, String description, List<String> tags, List<List<String>> expected,
                       Supplier<Map<List<String>, Double>> query) {
        Refreshed f = new Refreshed(name, query);
        figures.add(f);
        for (List<String> values : expected) {
            Gauge.Builder<Refreshed> b = Gauge.builder(name, f, r -> r.values.getOrDefault(values, 0.0))
                    .description(description);
            for (int i = 0; i < tags.size(); i++) {
                b.tag(tags.get(i), values.get(i));
            }
            b.register(registry);
        }
    }

    private void figure(String name, String description, List<String> tags, Supplier<Map<List<String>, Double>> query) {
        figure(name, description, tags, List.of(List.of()), query);
    }

    /** Starts the background refresh of the figures (once; the first refresh runs at once). */
    public synchronized void startRefresh() {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kizuna-metrics");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads every figure now (the background refresh does this every {@link #REFRESH}). */
    public void refresh() {
        for (Refreshed f : figures) {
            try {
                f.values = Map.copyOf(f.query.get());
            } catch (RuntimeException e) {
                log.debug("metrics: cannot read {}: {}", f.what, e.toString());
            }
        }
    }

    private void count(String name, String description, String... tags) {
        counter(name, description, tags).increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + String.join("\u0000", tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
        if (own != null) {
            own.close();
        }
    }
}
