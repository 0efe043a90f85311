package dev.kizuna.segment.recommend;

import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code recommendations}: recomputes every product's neighbours from the order mirror ("bought together", over
 * {@code kizuna.segments.recommend.months} of orders) and the behaviour events ("viewed then bought", over views of
 * the last {@code kizuna.segments.recommend.view-days} days), pairs seen fewer than
 * {@code kizuna.segments.recommend.min-support} times left out, the top {@code kizuna.segments.recommend.neighbours}
 * kept per product.
 *
 * <p>Two set-based statements in one transaction, the previous neighbours deleted first: the database counts the
 * pairs in a hash aggregate, which no loop over orders in Java beats, and readers keep the last run's neighbours
 * until the new ones commit. A run that dies leaves the previous ones; the next starts over.
 */
public final class RecommendationJob implements KizunaJob {
    public static final String NAME = "recommendations";
    static final String DEFAULT_SCHEDULE = "0 30 3 * * ?";

    private final Database db;
    private final RecommendationStore store;
    private final ZoneId zone;
    private final Settings settings;
    private final String schedule;

    /** What the job counts over and keeps. */
    record Settings(int months, int viewDays, int minSupport, int maxBasket, int neighbours) {
        static Settings of(KizunaConfig config) {
            Settings s = new Settings(config.intValue("kizuna.segments.recommend.months", 24),
                    config.intValue("kizuna.segments.recommend.view-days", 90),
                    config.intValue("kizuna.segments.recommend.min-support", 2),
                    config.intValue("kizuna.segments.recommend.max-basket", 50),
                    config.intValue("kizuna.segments.recommend.neighbours", 20));
            if (s.months < 1 || s.months > 120) {
                throw new IllegalArgumentException("kizuna.segments.recommend.months must be between 1 and 120");
            }
            if (s.viewDays < 1 || s.viewDays > 3650) {
                throw new IllegalArgumentException("kizuna.segments.recommend.view-days must be between 1 and 3650");
            }
            if (s.minSupport < 1) {
                throw new IllegalArgumentException("kizuna.segments.recommend.min-support must be at least 1");
            }
            if (s.maxBasket < 2) {
                throw new IllegalArgumentException("kizuna.segments.recommend.max-basket must be at least 2");
            }
            if (s.neighbours < 1 || s.neighbours > 200) {
                throw new IllegalArgumentException("kizuna.segments.recommend.neighbours must be between 1 and 200");
            }
            return s;
        }
    }

    RecommendationJob(Database db, RecommendationStore store, ZoneId zone, KizunaConfig config) {
        this.db = db;
        this.store = store;
        this.zone = zone;
        this.settings = Settings.of(config);
        this.schedule = config.get("kizuna.segments.recommend.schedule").orElse(DEFAULT_SCHEDULE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Finds the products bought together and bought after viewing each product, over the last "
                + settings.months() + " months of orders and " + settings.viewDays() + " days of views";
    }

    @Override
    public List<Object> descriptionArgs() {
        return List.of(settings.months(), settings.viewDays());
    }

    @Override
    public String defaultSchedule() {
        return schedule;
    }

    @Override
    public void run(JobContext ctx) {
        Instant to = ctx.asOf();
        Instant ordersFrom = to.atZone(zone).minusMonths(settings.months()).toInstant();
        Instant viewsFrom = to.minus(Duration.ofDays(settings.viewDays()));
        long[] counts = db.inTransaction(tx -> {
            store.clear(tx);
            store.boughtTogether(tx, ordersFrom, to, settings.minSupport(), settings.maxBasket(), settings.neighbours());
            store.viewedThenBought(tx, viewsFrom, to, settings.minSupport(), settings.neighbours());
            return new long[] {store.productsWith(tx, NeighbourKind.BOUGHT_TOGETHER),
                    store.productsWith(tx, NeighbourKind.VIEWED_THEN_BOUGHT)};
        });
        ctx.outcome(counts[0] + " products have products bought with them, " + counts[1]
                + " products bought after viewing them", "job.recommendations.outcome", counts[0], counts[1]);
    }
}
