package dev.kizuna.segment.recommend;

import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.ports.ProductRecommendations;

/**
 * Recommendations, started with the segments: the {@link RecommendationJob} computes product neighbours,
 * {@link Recommendations} serves the slots (API, the shopper's fragment, {@link ProductRecommendations} for mail
 * templates and the host's product pages).
 *
 * <p>Configuration: {@code kizuna.segments.recommend.schedule} (03:30 nightly), {@code .months} of orders (24),
 * {@code .view-days} of views (90), {@code .min-support} (2), {@code .max-basket} (50 SKUs), {@code .neighbours} per
 * product (20), {@code .product-link}: the host's product page with {@code {sku}} in it, for the fragment's links
 * (none: names without links).
 */
public final class RecommendationsFeature {
    private RecommendationsFeature() {
    }

    public static void start(KizunaContext ctx) {
        RecommendationStore store = new RecommendationStore();
        Recommendations recommendations = new Recommendations(ctx.database(), store,
                ctx.ports().require(Catalog.class), ctx.clock());
        ctx.ports().provide(Recommendations.class, recommendations);
        ctx.ports().provide(ProductRecommendations.class, recommendations);
        ctx.jobs().register(new RecommendationJob(ctx.database(), store, ctx.zone(), ctx.config()));
        RecommendationsApi.register(ctx.api(), recommendations);
        ctx.console().shopperView(new ForYouView(recommendations,
                ctx.config().get("kizuna.segments.recommend.product-link").orElse(null)));
    }
}
