package dev.kizuna.segment;

import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.segment.console.SegmentConsole;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.ports.SegmentConditions;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.segment.timeline.TimelineFeature;
import dev.kizuna.segment.duplicates.DuplicatesFeature;
import dev.kizuna.segment.recommend.RecommendationsFeature;
import dev.kizuna.segment.funnel.JourneyFeature;
import dev.kizuna.segment.behaviour.BehaviourStore;
import dev.kizuna.segment.prediction.CustomerHistories;
import dev.kizuna.segment.prediction.LtvFitJob;
import dev.kizuna.segment.prediction.LtvModels;
import dev.kizuna.segment.prediction.LtvStore;
import dev.kizuna.segment.prediction.SalesForecasts;
import dev.kizuna.segment.rfm.RfmDefinitions;
import dev.kizuna.segment.rfm.RfmScoringJob;
import dev.kizuna.segment.rfm.RfmStore;

import java.util.List;

/**
 * Customer segments: RFM scores and the merchant's named RFM segments with their movements (job
 * {@code rfm-scoring}), behavioural segments read live from the host's behaviour events, and predicted lifetime value
 * from BG/NBD and Gamma-Gamma models re-fitted on the shop's history (job {@code ltv-fit}).
 *
 * <p>Provides {@link SegmentDirectory} (coupons, surveys and point campaigns use segments as eligibility) and
 * {@link SegmentQueries} and {@link RfmDefinitions} (the console). API: see {@link SegmentApi}.
 *
 * <p>Configuration:
 * <ul>
 *   <li>{@code kizuna.segments.rfm.window-months} (24), {@code kizuna.segments.rfm.schedule} (02:30 nightly),
 *       {@code kizuna.segments.rfm.batch-size} (10,000);</li>
 *   <li>{@code kizuna.segments.behaviour.days}: the default N of "in the last N days" (30);</li>
 *   <li>{@code kizuna.segments.ltv.horizon-weeks} (52), {@code kizuna.segments.ltv.schedule} (Sundays 04:00),
 *       {@code kizuna.segments.ltv.batch-size} (10,000), {@code kizuna.segments.ltv.fit-sample} (customers the
 *       models are fitted on, a deterministic sample when there are more; 200,000),
 *       {@code kizuna.segments.ltv.lapsed-below-percent} (P(alive) under which a repeat customer is in
 *       {@code ltv:likely-lapsed}; 30), {@code kizuna.segments.ltv.backtest-weeks} (weeks the sales forecast is
 *       back-tested over, 0 for none; 13).</li>
 * </ul>
 * Money counts orders in the shop currency only.
 */
public final class SegmentModule implements KizunaModule {
    public static final String NAME = "segments";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int startOrder() {
        return 300;
    }

    @Override
    public List<Class<?>> entityClasses() {
        return RfmStore.entities();
    }

    @Override
    public void start(KizunaContext ctx) {
        String currency = ctx.host().shopCurrency().getCurrencyCode();
        RfmStore rfm = new RfmStore(currency, ctx.ports());
        BehaviourStore behaviour = new BehaviourStore();
        LtvStore ltv = new LtvStore();
        LtvModels models = new LtvModels();
        Segments segments = new Segments(ctx.clock(), rfm, behaviour, ltv,
                ctx.config().intValue("kizuna.segments.behaviour.days", 30),
                ctx.config().intValue("kizuna.segments.ltv.lapsed-below-percent", 30), ctx.ports().require(Catalog.class));
        SalesForecasts forecasts = new SalesForecasts(currency, ctx.zone());
        SegmentQueries queries = new SegmentReports(ctx.database(), ctx.clock(), segments, rfm, behaviour, ltv, models,
                forecasts, new MemberStore(ctx.members()));
        RfmDefinitions definitions = new RfmDefinitions(ctx.database(), rfm, ctx.audit(), ctx.clock());

        ctx.ports().provide(SegmentDirectory.class, segments);
        ctx.ports().provide(SegmentConditions.class, segments);
        ctx.ports().provide(SegmentQueries.class, queries);
        ctx.ports().provide(RfmDefinitions.class, definitions);
        ctx.jobs().register(new RfmScoringJob(ctx.database(), rfm, ctx.zone(), ctx.config()));
        ctx.jobs().register(new LtvFitJob(ctx.database(), new CustomerHistories(currency, ctx.zone()), models, ltv,
                forecasts, ctx.config()));
        SegmentApi.register(ctx.api(), queries, definitions, ctx.clock(), ctx.zone());
        SegmentConsole.register(ctx.console(), queries, segments, ctx.ports().require(Catalog.class), ctx.database(),
                ctx.clock());

        TimelineFeature.start(ctx);
        RecommendationsFeature.start(ctx);
        JourneyFeature.start(ctx);
        DuplicatesFeature.start(ctx);
    }
}
