package dev.kizuna.segment.recommend;

import dev.kizuna.core.console.ShopperRequest;
import dev.kizuna.core.console.ShopperView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shopper's "おすすめ" and "最近チェックした商品" on the account page: both slots of {@link Recommendations};
 * nothing when both are empty (a shop nobody bought from yet).
 */
record ForYouView(Recommendations recommendations, String productLink) implements ShopperView {
    static final int SHOWN = 6;

    @Override
    public String id() {
        return "my-recommendations";
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public String render(ShopperRequest s) {
        List<Map<String, String>> forYou = shown(recommendations.slot(s.customerRef(), RecommendationSlot.FOR_YOU, List.of(), SHOWN,
                s.messages().locale()));
        List<Map<String, String>> viewed = shown(recommendations.slot(s.customerRef(), RecommendationSlot.RECENTLY_VIEWED, List.of(),
                SHOWN, s.messages().locale()));
        if (forYou.isEmpty() && viewed.isEmpty()) {
            return "";
        }
        Map<String, Object> model = new HashMap<>();
        model.put("forYou", forYou);
        model.put("viewed", viewed);
        return s.render("my-recommendations.ftlh", model);
    }

    /** sku, name and (with a product link configured) link of each item, as the template reads them. */
    private List<Map<String, String>> shown(List<Recommendations.Item> items) {
        return items.stream().map(i -> {
            Map<String, String> m = new HashMap<>();
            m.put("sku", i.sku());
            m.put("name", i.name());
            if (productLink != null) {
                m.put("link", productLink.replace("{sku}", URLEncoder.encode(i.sku(), StandardCharsets.UTF_8)));
            }
            return m;
        }).toList();
    }
}
