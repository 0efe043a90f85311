package dev.kizuna.core;

import dev.kizuna.core.intake.EventIntake;
import dev.kizuna.core.intake.OutboxRelay;
import dev.kizuna.core.intake.SharedOutbox;
import dev.kizuna.core.metrics.KizunaHealth;
import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.JobScheduler;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.web.ApiServlet;
import dev.kizuna.core.web.Callers;

import java.util.List;

/** A running Kizuna: what the host publishes to, what the servlet container mounts, what the console reads. */
public final class KizunaRuntime implements AutoCloseable {
    public static final String SERVLET_CONTEXT_ATTRIBUTE = KizunaRuntime.class.getName();

    private final KizunaContext context;
    private final EventIntake intake;
    private final SharedOutbox outbox;
    private final OutboxRelay relay;
    private final JobRuns runs;
    private final JobScheduler scheduler;
    private final KizunaMetrics metrics;
    private final KizunaHealth health;
    private final Callers callers;
    private final List<String> modules;

    KizunaRuntime(KizunaContext context, EventIntake intake, SharedOutbox outbox, OutboxRelay relay, JobRuns runs, JobScheduler scheduler,
                  KizunaMetrics metrics, KizunaHealth health, Callers callers, List<String> modules) {
        this.context = context;
        this.intake = intake;
        this.outbox = outbox;
        this.relay = relay;
        this.runs = runs;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.health = health;
        this.callers = callers;
        this.modules = List.copyOf(modules);
    }

    public EventPublisher publisher() {
        return intake;
    }

    /**
     * For a host sharing Kizuna's database: append events and make checkout reservations inside the host's own
     * transaction ({@link dev.kizuna.core.spi.HostOutbox}); the relay delivers the events after the commit.
     */
    public SharedOutbox hostOutbox() {
        return outbox;
    }

    public EventIntake intake() {
        return intake;
    }

    public KizunaContext context() {
        return context;
    }

    public JobRuns jobRuns() {
        return runs;
    }

    public JobScheduler scheduler() {
        return scheduler;
    }

    /** Kizuna's meters (on the host's registry, or on its own Prometheus registry). */
    public KizunaMetrics metrics() {
        return metrics;
    }

    /** UP or DOWN with the reasons: the database, this node's scheduler, the host outbox's backlog. */
    public KizunaHealth health() {
        return health;
    }

    public Callers callers() {
        return callers;
    }

    public List<String> modules() {
        return modules;
    }

    public ApiServlet apiServlet() {
        return new ApiServlet(context::api, () -> callers);
    }

    @Override
    public void close() {
        Kizuna.uninstalled(this);
        if (relay != null) {
            relay.close();
        }
        scheduler.close();
        metrics.close();
        health.close();
        context.database().close();
    }
}
