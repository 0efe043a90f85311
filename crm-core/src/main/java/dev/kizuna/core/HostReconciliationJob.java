package dev.kizuna.core;

import dev.kizuna.core.intake.EventIntake;
import dev.kizuna.core.intake.SharedOutbox;
import dev.kizuna.core.mirror.HostReconciliation;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code host-reconciliation}: compares Kizuna's order mirror with the host's orders of the last window (after
 * relaying what the host outbox holds), names every difference in its outcome and republishes the host's events of
 * the orders Kizuna never saw or is behind on. Changes nothing when the host offers no order listing.
 */
final class HostReconciliationJob implements KizunaJob {
    private static final int NAMED = 50;

    private final HostReconciliation reconciliation;
    private final SharedOutbox outbox;
    private final EventIntake intake;
    private final Duration window;

    HostReconciliationJob(HostReconciliation reconciliation, SharedOutbox outbox, EventIntake intake, Duration window) {
        this.reconciliation = reconciliation;
        this.outbox = outbox;
        this.intake = intake;
        this.window = window;
    }

    @Override
    public String name() {
        return "host-reconciliation";
    }

    @Override
    public String description() {
        return "Compares Kizuna's orders with the host's, names every difference and republishes what Kizuna missed";
    }

    @Override
    public String defaultSchedule() {
        return "0 20 * * * ?";
    }

    @Override
    public void run(JobContext ctx) {
        if (!reconciliation.available()) {
            ctx.outcome("the host lists no orders: nothing to compare", "job.host-reconciliation.outcome-no-host");
            return;
        }
        outbox.drain();
        Instant to = ctx.asOf();
        Instant from = to.minus(window);
        HostReconciliation.Result r = ctx.database().inTransaction(tx -> reconciliation.reconcile(tx, from, to));
        if (!r.republish().isEmpty()) {
            intake.publishAll(r.republish());
        }
        int n = r.differences().size();
        String head = "compared " + r.compared() + " orders of the last " + window.toHours() + " h: ";
        if (n == 0) {
            ctx.outcome(head + "0 differences", "job.host-reconciliation.outcome", r.compared(), window.toHours(), 0, 0);
            return;
        }
        ctx.outcome(head + n + " DIFFER (events republished: " + r.republish().size() + ") - "
                + String.join("; ", r.differences().subList(0, Math.min(n, NAMED))) + (n > NAMED ? "; …" : ""),
                "job.host-reconciliation.outcome", r.compared(), window.toHours(), n, r.republish().size());
    }
}
