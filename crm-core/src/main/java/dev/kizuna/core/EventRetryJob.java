package dev.kizuna.core;

import dev.kizuna.core.intake.EventRetries;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;

/** Retries failed events after their backoff and replays parked events whose subject has arrived. */
final class EventRetryJob implements KizunaJob {
    private final EventRetries retries;

    EventRetryJob(EventRetries retries) {
        this.retries = retries;
    }

    @Override
    public String name() {
        return "event-retry";
    }

    @Override
    public String description() {
        return "Retries host events whose handlers failed, and replays parked events";
    }

    @Override
    public String defaultSchedule() {
        return "30 * * * * ?";
    }

    @Override
    public void run(JobContext ctx) {
        int applied = 0;
        int round;
        do {
            round = retries.retryDue(500);
            applied += round;
        } while (round == 500 && !ctx.stopRequested());
        ctx.outcome("applied " + applied + " events", "job.event-retry.outcome", applied);
    }
}
