package dev.kizuna.core.console;

import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.SegmentDirectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a campaign form picks from, as the {@code [value, label]} pairs the layout's {@code select} and
 * {@code choices} macros take: the shop's categories and SKUs ({@link Catalog}) and the listed segments.
 */
public final class Pickers {
    private Pickers() {
    }

    /**
     * Puts {@code categoryChoices}, {@code skuChoices} and {@code segmentChoices} (led by {@code noSegmentKey}'s text
     * for "none") into the page's model.
     */
    public static void campaignChoices(PageRequest r, Map<String, Object> model, String noSegmentKey) {
        r.ctx().database().execute(tx -> {
            Catalog catalog = r.port(Catalog.class);
            model.put("categoryChoices", catalog.categories(tx).stream()
                    .map(c -> List.of(c.key(), c.name().get(r.locale()))).toList());
            model.put("skuChoices", catalog.products(tx).stream()
                    .map(p -> List.of(p.sku(), p.sku() + " " + p.name().get(r.locale()))).toList());
            model.put("segmentChoices", segments(r, tx, noSegmentKey));
        });
    }

    private static List<List<String>> segments(PageRequest r, Tx tx, String noSegmentKey) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("", r.messages().text(noSegmentKey)));
        r.optionalPort(SegmentDirectory.class).ifPresent(d -> d.segments(tx)
                .forEach(s -> out.add(List.of(s.key(), s.name().get(r.locale())))));
        return out;
    }
}
