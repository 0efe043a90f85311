package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;

import java.util.List;

/**
 * Products to suggest ("おすすめ"): to one member, for mail templates and other features that address a member at a
 * time (the items most similar to what the member bought and viewed lately, never what they bought), and beside
 * products, for the host's product and cart pages. The segments feature provides it; without it nothing is offered.
 */
public interface ProductRecommendations {

    /** One suggested product with its name from the host's catalog (its SKU in both languages when unnamed). */
    record Suggestion(String sku, LocalizedText name) {
    }

    /** At most {@code limit} suggestions, best first; empty for a member with no history and an empty shop. */
    List<Suggestion> forMember(Tx tx, long memberId, int limit);

    /**
     * What shoppers bought together with {@code skus} (a product page's one, a cart's), best first, none of them:
     * for the host's product and cart pages.
     */
    List<Suggestion> boughtWith(Tx tx, List<String> skus, int limit);
}
