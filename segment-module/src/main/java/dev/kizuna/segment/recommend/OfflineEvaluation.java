package dev.kizuna.segment.recommend;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recommendations judged on a purchase log without a database: each customer's last purchase (the SKUs of their
 * last day) is held out, the co-occurrence neighbours are computed from everything else as the
 * {@link RecommendationJob} computes them (distinct SKUs per basket, baskets of more than {@code maxBasket} SKUs
 * left out, cosine, minimum support, top N), and for each customer the ten products "for you" would offer from the
 * rest of their history are checked against the held-out ones, beside the ten most popular products they do not
 * own (distinct buyers in the training data).
 *
 * <p>A basket is a customer's purchases of one day (a log of customer, date, SKU has no order ids). Only held-out
 * SKUs the customer had not bought before can be hit, as no list offers what a customer owns; a customer whose last
 * purchase only repeats earlier ones is counted apart ({@link Result#repeatOnly}) and not judged. Browsing is not in
 * a purchase log, so only "bought together" seeds the lists here.
 */
public final class OfflineEvaluation {
    /** How many recommendations are judged. */
    public static final int K = 10;

    /** One line of a purchase log. */
    public record Purchase(String customer, LocalDate day, String sku) {
        public Purchase {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(sku, "sku");
        }
    }

    /** Hit rate@K (share of judged customers with a held-out SKU among the K) and MRR@K (mean 1 / its rank). */
    public record Score(double hitRate, double mrr) {
    }

    /**
     * @param judged      customers with an earlier purchase and a new SKU in their last one
     * @param repeatOnly  customers whose last purchase held only SKUs they had bought before
     * @param single      customers with one purchase day, nothing to learn their taste from
     * @param coOccurrence "for you" from the neighbours alone (a list may be shorter than K)
     * @param served      "for you" as the shop serves it: the neighbours, then popular products to fill K
     * @param popular     the most popular products the customer does not own
     */
    public record Result(int judged, int repeatOnly, int single, int products, Score coOccurrence, Score served,
                         Score popular) {
    }

    private final int minSupport;
    private final int maxBasket;
    private final int neighbours;

    public OfflineEvaluation(int minSupport, int maxBasket, int neighbours) {
        if (minSupport < 1 || maxBasket < 2 || neighbours < 1) {
            throw new IllegalArgumentException("minSupport ≥ 1, maxBasket ≥ 2 and neighbours ≥ 1");
        }
        this.minSupport = minSupport;
        this.maxBasket = maxBasket;
        this.neighbours = neighbours;
    }

    /** The job's defaults: minimum support 2, baskets of up to 50 SKUs, 20 neighbours a product. */
    public static OfflineEvaluation withJobDefaults() {
        return new OfflineEvaluation(2, 50, 20);
    }

    /** A customer's purchases of one day. */
    record Basket(String customer, LocalDate day, Set<String> skus) {
    }

    public Result evaluate(Collection<Purchase> purchases) {
        Map<String, TreeMap<LocalDate, Set<String>>> byCustomer = new HashMap<>();
        for (Purchase p : purchases) {
            byCustomer.computeIfAbsent(p.customer(), c -> new TreeMap<>())
                    .computeIfAbsent(p.day(), d -> new HashSet<>()).add(p.sku());
        }
        List<Basket> training = new ArrayList<>();
        Map<String, Set<String>> heldOut = new HashMap<>();
        int repeatOnly = 0;
        int single = 0;
        Set<String> products = new HashSet<>();
        for (Map.Entry<String, TreeMap<LocalDate, Set<String>>> c : byCustomer.entrySet()) {
            TreeMap<LocalDate, Set<String>> days = c.getValue();
            days.values().forEach(products::addAll);
            if (days.size() < 2) {
                single++;
                days.forEach((day, skus) -> training.add(new Basket(c.getKey(), day, skus)));
                continue;
            }
            Map.Entry<LocalDate, Set<String>> last = days.lastEntry();
            Set<String> before = new HashSet<>();
            days.headMap(last.getKey()).forEach((day, skus) -> {
                training.add(new Basket(c.getKey(), day, skus));
                before.addAll(skus);
            });
            Set<String> fresh = new HashSet<>(last.getValue());
            fresh.removeAll(before);
            if (fresh.isEmpty()) {
                repeatOnly++;
            } else {
                heldOut.put(c.getKey(), fresh);
            }
        }
        Map<String, List<Neighbour>> neighbourLists = neighbours(training);
        List<String> popularity = popularity(training);
        Map<String, List<Basket>> history = new HashMap<>();
        for (Basket b : training) {
            history.computeIfAbsent(b.customer(), c -> new ArrayList<>()).add(b);
        }
        double[] co = new double[2];
        double[] served = new double[2];
        double[] pop = new double[2];
        for (Map.Entry<String, Set<String>> h : heldOut.entrySet()) {
            List<Basket> mine = history.get(h.getKey());
            Set<String> owned = new HashSet<>();
            mine.forEach(b -> owned.addAll(b.skus()));
            List<String> similar = forYou(mine, owned, neighbourLists);
            List<String> filled = new ArrayList<>(similar);
            for (String p : popularity) {
                if (filled.size() >= K) {
                    break;
                }
                if (!owned.contains(p) && !filled.contains(p)) {
                    filled.add(p);
                }
            }
            List<String> popular = popularity.stream().filter(p -> !owned.contains(p)).limit(K).toList();
            judge(similar, h.getValue(), co);
            judge(filled, h.getValue(), served);
            judge(popular, h.getValue(), pop);
        }
        int n = heldOut.size();
        return new Result(n, repeatOnly, single, products.size(), score(co, n), score(served, n), score(pop, n));
    }

    private static void judge(List<String> list, Set<String> heldOut, double[] sums) {
        for (int i = 0; i < Math.min(K, list.size()); i++) {
            if (heldOut.contains(list.get(i))) {
                sums[0]++;
                sums[1] += 1.0 / (i + 1);
                return;
            }
        }
    }

    private static Score score(double[] sums, int n) {
        return n == 0 ? new Score(0, 0) : new Score(sums[0] / n, sums[1] / n);
    }

    /** A neighbour of a product with its cosine. */
    record Neighbour(String sku, double score) {
    }

    /** Each product's top neighbours, as the job stores them. */
    Map<String, List<Neighbour>> neighbours(List<Basket> baskets) {
        Map<String, Integer> count = new HashMap<>();
        Map<String, Map<String, Integer>> pairs = new HashMap<>();
        for (Basket b : baskets) {
            if (b.skus().size() > maxBasket) {
                continue;
            }
            for (String a : b.skus()) {
                count.merge(a, 1, Integer::sum);
                for (String c : b.skus()) {
                    if (!a.equals(c)) {
                        pairs.computeIfAbsent(a, k -> new HashMap<>()).merge(c, 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, List<Neighbour>> out = new HashMap<>();
        pairs.forEach((a, with) -> {
            List<Neighbour> list = new ArrayList<>();
            with.forEach((b, c) -> {
                if (c >= minSupport) {
                    list.add(new Neighbour(b, c / Math.sqrt((double) count.get(a) * count.get(b))));
                }
            });
            list.sort(Comparator.comparingDouble(Neighbour::score).reversed()
                    .thenComparing(nb -> -with.get(nb.sku())).thenComparing(Neighbour::sku));
            if (!list.isEmpty()) {
                out.put(a, List.copyOf(list.subList(0, Math.min(neighbours, list.size()))));
            }
        });
        return out;
    }

    /** Products by distinct buyers, most first (ties by SKU). */
    static List<String> popularity(List<Basket> baskets) {
        Map<String, Set<String>> buyers = new HashMap<>();
        for (Basket b : baskets) {
            for (String sku : b.skus()) {
                buyers.computeIfAbsent(sku, k -> new HashSet<>()).add(b.customer());
            }
        }
        return buyers.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Set<String>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * As {@link Recommendations} ranks "for you" from purchases: the summed cosine of every neighbour of the
     * customer's {@link Recommendations#SEEDS} latest distinct SKUs, not owned, best first (ties by SKU).
     */
    static List<String> forYou(List<Basket> history, Set<String> owned, Map<String, List<Neighbour>> neighbours) {
        Map<String, LocalDate> latest = new HashMap<>();
        for (Basket b : history) {
            for (String sku : b.skus()) {
                latest.merge(sku, b.day(), (x, y) -> x.isAfter(y) ? x : y);
            }
        }
        List<String> seeds = latest.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, LocalDate>, LocalDate>comparing(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(Recommendations.SEEDS).map(Map.Entry::getKey).toList();
        Map<String, Double> score = new LinkedHashMap<>();
        for (String seed : seeds) {
            for (Neighbour nb : neighbours.getOrDefault(seed, List.of())) {
                if (!owned.contains(nb.sku())) {
                    score.merge(nb.sku(), nb.score(), Double::sum);
                }
            }
        }
        return score.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Double>>comparingDouble(e -> -e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .limit(K).map(Map.Entry::getKey).toList();
    }
}
