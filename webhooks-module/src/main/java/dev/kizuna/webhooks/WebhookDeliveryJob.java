package dev.kizuna.webhooks;

import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;

/** Every 15 seconds: fans out new domain events and sends the messages due (one run at a time across the cluster). */
final class WebhookDeliveryJob implements KizunaJob {
    static final String NAME = "webhook-delivery";
    private final Webhooks webhooks;

    WebhookDeliveryJob(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Sends domain events to the subscribed webhook endpoints, retrying with backoff";
    }

    @Override
    public String defaultSchedule() {
        return "0/15 * * * * ?";
    }

    @Override
    public void run(JobContext context) {
        DeliveryRun run = webhooks.deliverDue();
        context.outcome("events " + run.events() + ", delivered " + run.delivered() + ", failed " + run.failed()
                        + ", dead " + run.dead() + ", endpoints disabled " + run.disabled(),
                "job." + NAME + ".outcome", run.events(), run.delivered(), run.failed(), run.dead(), run.disabled());
    }
}
