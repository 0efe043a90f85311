package dev.kizuna.loyalty.points;

import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;

/**
 * {@code points-hold-release}: gives back points held by checkouts whose order never arrived (the host crashed
 * between reserving and placing it) once the hold lapses; never the hold of an order the host has.
 */
final class PointsHoldReleaseJob implements KizunaJob {
    private final Redemptions redemptions;

    PointsHoldReleaseJob(Redemptions redemptions) {
        this.redemptions = redemptions;
    }

    @Override
    public String name() {
        return "points-hold-release";
    }

    @Override
    public String description() {
        return "Releases points held by checkouts whose order never arrived";
    }

    @Override
    public String defaultSchedule() {
        return "0 */15 * * * ?";
    }

    @Override
    public void run(JobContext ctx) {
        Redemptions.Lapsed r = redemptions.releaseLapsed(ctx.asOf());
        ctx.outcome("released " + r.released() + " lapsed holds; kept " + r.kept() + " whose order the host has",
                "job.points-hold-release.outcome", r.released(), r.kept());
    }
}
