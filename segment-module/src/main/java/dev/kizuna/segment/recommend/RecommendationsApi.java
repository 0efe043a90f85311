package dev.kizuna.segment.recommend;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiRoutes;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * <ul>
 *   <li>{@code GET /me/recommendations?slot=for-you|recently-viewed|bought-together&limit=&sku=} (the signed-in
 *       shopper): {@code {slot, items: [{sku, name, reason}]}}; {@code sku} a comma-separated list (a cart's) that
 *       "bought together" starts from instead of the shopper's latest order;</li>
 *   <li>{@code GET /products/{sku}/related?limit=} (anyone: product pages are public): what was bought with the
 *       product and what was bought after viewing it.</li>
 * </ul>
 */
final class RecommendationsApi {
    /** The most SKUs a cart may seed "bought together" with. */
    static final int MAX_SEEDS = 50;

    private RecommendationsApi() {
    }

    static void register(ApiRoutes api, Recommendations recommendations) {
        api.doc("Products recommended to the signed-in shopper in a slot (for-you, recently-viewed, bought-together)")
                .get("/me/recommendations", Access.shopper(), r -> {
                    RecommendationSlot slot = RecommendationSlot.parse(r.query("slot").orElse(null));
                    int limit = r.queryInt("limit", 10, 1, Recommendations.MAX_LIMIT);
                    List<String> skus = skus(r.query("sku").orElse(null));
                    return Map.of("slot", slot.key(),
                            "items", recommendations.slot(r.shopper(), slot, skus, limit, r.locale()));
                });
        api.doc("The products bought together with a product and bought after viewing it")
                .get("/products/{sku}/related", Access.anyone(), r -> recommendations.related(r.path("sku"),
                        r.queryInt("limit", 10, 1, Recommendations.MAX_LIMIT), r.locale()));
    }

    static List<String> skus(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> skus = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .toList();
        if (skus.size() > MAX_SEEDS) {
            throw new InvalidInput("sku", "recommend.too-many-skus", MAX_SEEDS);
        }
        return skus;
    }
}
