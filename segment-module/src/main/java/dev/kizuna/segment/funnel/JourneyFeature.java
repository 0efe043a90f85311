package dev.kizuna.segment.funnel;

import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.segment.funnel.console.JourneyConsole;

/**
 * The customer journey, started with the segments: the funnel and retention cohorts over the mirror's orders, their
 * API and console page, and the merchant's definition of a regular.
 */
public final class JourneyFeature {
    private JourneyFeature() {
    }

    public static void start(KizunaContext ctx) {
        Journeys journeys = new Journeys(ctx.database(), new JourneyStore(), ctx.audit(), ctx.clock(), ctx.zone(),
                ctx.ports());
        ctx.ports().provide(Journeys.class, journeys);
        JourneyApi.register(ctx.api(), journeys);
        JourneyConsole.register(ctx.console(), journeys);
    }
}
