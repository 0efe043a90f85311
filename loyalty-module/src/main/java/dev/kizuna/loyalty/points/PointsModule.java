package dev.kizuna.loyalty.points;

import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.module.KizunaModule;

/** The points ledger feature (schema in db/migration/points). */
public final class PointsModule implements KizunaModule {

    @Override
    public String name() {
        return "points";
    }

    @Override
    public int startOrder() {
        return 100;
    }

    @Override
    public void start(KizunaContext ctx) {
        // Handlers, jobs, routes and ports are added as the feature lands.
    }
}
