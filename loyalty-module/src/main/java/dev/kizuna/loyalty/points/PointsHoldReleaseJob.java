package dev.kizuna.loyalty.points;

import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;

/**
 * {@code points-hold-release}: gives back points held by checkouts whose order never arrived (the host crashed
 * between reserving and placing it) once the hold lapses.
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
        int released = redemptions.releaseLapsed(ctx.asOf());
        ctx.outcome("released " + released + " lapsed holds", "job.points-hold-release.outcome", released);
    }
}
