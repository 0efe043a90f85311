package dev.kizuna.segment.recommend;

import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.ProductRecommendations;
import dev.kizuna.core.spi.HostCatalog;
import dev.kizuna.core.text.LocalizedText;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a shopper is shown: the slots of {@link RecommendationSlot} and a product's related products, read from the
 * neighbours the {@link RecommendationJob} stored, named from the host's catalog. Also the
 * {@link ProductRecommendations} mail templates use ("for you").
 */
public final class Recommendations implements ProductRecommendations {
    /** The most a slot returns. */
    public static final int MAX_LIMIT = 50;
    /** How many of the member's latest purchases and views "for you" starts from. */
    static final int SEEDS = 10;
    /** What "popular" looks back on when a slot is filled up. */
    static final Duration POPULAR_WINDOW = Duration.ofDays(90);

    /** Why a product is in a list. */
    public enum Reason {
        /** Bought in the same order as the product (or the shopper's). */
        BOUGHT_TOGETHER,
        /** Bought by shoppers after viewing the product. */
        VIEWED_THEN_BOUGHT,
        /** Near several of the shopper's purchases and views. */
        SIMILAR,
        /** The shopper viewed it. */
        VIEWED,
        /** Much bought lately; fills a list the shopper's history cannot. */
        POPULAR
    }

    /** One product in a list, named in the caller's language. */
    public record Item(String sku, String name, Reason reason) {
    }

    /** The products related to one product. */
    public record Related(String sku, String name, List<Item> boughtTogether, List<Item> viewedThenBought) {
    }

    private final Database db;
    private final RecommendationStore store;
    private final Catalog catalog;
    private final ShopClock clock;

    Recommendations(Database db, RecommendationStore store, Catalog catalog, ShopClock clock) {
        this.db = db;
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A slot for the shopper {@code customerRef}; {@code skus} (a cart's) seed "bought together" when given. */
    public List<Item> slot(String customerRef, RecommendationSlot slot, List<String> skus, int limit, Locale locale) {
        return db.inTransaction(tx -> {
            long member = Members.find(tx, customerRef).orElse(-1L);
            Map<String, LocalizedText> names = names(tx);
            List<Scored> found = switch (slot) {
                case RECENTLY_VIEWED -> store.recentlyViewed(tx, member, limit).stream()
                        .map(s -> new Scored(s, Reason.VIEWED)).toList();
                case FOR_YOU -> forYou(tx, member, limit);
                case BOUGHT_TOGETHER -> boughtWith(tx, member,
                        skus == null || skus.isEmpty() ? store.latestOrder(tx, member) : skus, limit);
            };
            return found.stream().map(s -> new Item(s.sku(), name(names, s.sku(), locale), s.reason())).toList();
        });
    }

    /** The products bought with {@code sku} and bought after viewing it. */
    public Related related(String sku, int limit, Locale locale) {
        return db.inTransaction(tx -> {
            Map<String, LocalizedText> names = names(tx);
            Function<NeighbourKind, List<Item>> of = kind -> store.neighbours(tx, kind, sku, limit).stream()
                    .map(n -> new Item(n.sku(), name(names, n.sku(), locale), kind == NeighbourKind.BOUGHT_TOGETHER
                            ? Reason.BOUGHT_TOGETHER : Reason.VIEWED_THEN_BOUGHT)).toList();
            return new Related(sku, name(names, sku, locale), of.apply(NeighbourKind.BOUGHT_TOGETHER),
                    of.apply(NeighbourKind.VIEWED_THEN_BOUGHT));
        });
    }

    @Override
    public List<Suggestion> forMember(Tx tx, long memberId, int limit) {
        Map<String, LocalizedText> names = names(tx);
        return forYou(tx, memberId, Math.min(limit, MAX_LIMIT)).stream()
                .map(s -> new Suggestion(s.sku(), names.getOrDefault(s.sku(), LocalizedText.of(s.sku(), s.sku()))))
                .toList();
    }

    @Override
    public List<Suggestion> boughtWith(Tx tx, List<String> skus, int limit) {
        Map<String, LocalizedText> names = names(tx);
        return boughtWith(tx, -1L, skus, Math.min(limit, MAX_LIMIT)).stream()
                .map(s -> new Suggestion(s.sku(), names.getOrDefault(s.sku(), LocalizedText.of(s.sku(), s.sku()))))
                .toList();
    }

    private record Scored(String sku, Reason reason) {
    }

    /**
     * The products nearest the member's latest purchases and views, then the popular ones, never what the member
     * bought (the store leaves those out of both).
     */
    private List<Scored> forYou(Tx tx, long member, int limit) {
        String[] bought = store.recentlyBought(tx, member, SEEDS).toArray(String[]::new);
        String[] viewed = store.recentlyViewed(tx, member, SEEDS).toArray(String[]::new);
        List<Scored> out = new ArrayList<>();
        if (bought.length > 0 || viewed.length > 0) {
            for (RecommendationStore.Neighbour n : store.nearSeeds(tx, member, bought, viewed, limit)) {
                out.add(new Scored(n.sku(), Reason.SIMILAR));
            }
        }
        return fillWithPopular(tx, member, out, limit);
    }

    /** What others bought with {@code skus}, summed over them, neither those nor what the member owns. */
    private List<Scored> boughtWith(Tx tx, long member, List<String> skus, int limit) {
        Set<String> seeds = new LinkedHashSet<>(skus);
        List<Scored> out = new ArrayList<>();
        if (!seeds.isEmpty()) {
            for (RecommendationStore.Neighbour n : store.nearSeeds(tx, member, seeds.toArray(String[]::new),
                    new String[0], limit + seeds.size())) {
                if (!seeds.contains(n.sku()) && out.size() < limit) {
                    out.add(new Scored(n.sku(), Reason.BOUGHT_TOGETHER));
                }
            }
        }
        return out;
    }

    private List<Scored> fillWithPopular(Tx tx, long member, List<Scored> out, int limit) {
        if (out.size() >= limit) {
            return out;
        }
        Set<String> have = out.stream().map(Scored::sku).collect(Collectors.toSet());
        for (RecommendationStore.Neighbour n : store.popular(tx, member, clock.instant().minus(POPULAR_WINDOW),
                limit + have.size())) {
            if (out.size() < limit && !have.contains(n.sku())) {
                out.add(new Scored(n.sku(), Reason.POPULAR));
            }
        }
        return out;
    }

    private Map<String, LocalizedText> names(Tx tx) {
        return catalog.products(tx).stream().collect(Collectors.toMap(HostCatalog.Product::sku,
                HostCatalog.Product::name, (a, b) -> a));
    }

    private static String name(Map<String, LocalizedText> names, String sku, Locale locale) {
        LocalizedText n = names.get(sku);
        return n == null ? sku : n.get(locale);
    }
}
