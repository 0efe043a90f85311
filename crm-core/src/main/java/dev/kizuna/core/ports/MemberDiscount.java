package dev.kizuna.core.ports;

import dev.kizuna.core.spi.Cart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The member price a rank gives: a percent off every line, or another percent for the lines of a category
 * (0 in a category keeps its lines at the list price, e.g. sale items).
 *
 * @param percent    0–100, off the lines of every category not listed
 * @param byCategory category to its own percent, 0–100
 */
public record MemberDiscount(int percent, Map<String, Integer> byCategory) {

    public static final MemberDiscount NONE = new MemberDiscount(0, Map.of());

    public MemberDiscount {
        check("percent", percent);
        TreeMap<String, Integer> copy = new TreeMap<>();
        if (byCategory != null) {
            byCategory.forEach((category, p) -> {
                if (category == null || category.isBlank() || p == null) {
                    throw new IllegalArgumentException("byCategory: a category and its percent are both required");
                }
                check("byCategory." + category, p);
                copy.put(category, p);
            });
        }
        byCategory = Collections.unmodifiableMap(copy);
    }

    private static void check(String field, int p) {
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException(field + ": a percent from 0 to 100, not " + p);
        }
    }

    public boolean isNone() {
        return percent == 0 && byCategory.values().stream().allMatch(p -> p == 0);
    }

    public int percentFor(String category) {
        return category == null ? percent : byCategory.getOrDefault(category, percent);
    }

    /**
     * One line of a cart at the member price.
     *
     * @param amount       the line at the list price (unit price × quantity), minor units
     * @param discount     what the member price takes off it
     */
    public record Line(String sku, int percent, long amount, long discount) {
        public long memberAmount() {
            return amount - discount;
        }
    }

    /**
     * The member price of a cart, for the host's pricing to show and charge.
     *
     * @param discount the sum of the lines' discounts, off the merchandise (never the shipping)
     */
    public record Quote(String rankCode, List<Line> lines, long discount) {
        public Quote {
            lines = List.copyOf(lines);
        }

        public boolean applies() {
            return discount > 0;
        }
    }

    /**
     * The discount of each line, rounded down per line: a shop's price tags show each item's member price, so the
     * total is their sum, and a fraction of a yen is never given away.
     */
    public Quote quote(String rankCode, Cart cart) {
        List<Line> lines = new ArrayList<>(cart.lines().size());
        long total = 0;
        for (Cart.CartLine l : cart.lines()) {
            int p = percentFor(l.category());
            long amount = l.amount();
            long discount = Math.multiplyExact(amount, (long) p) / 100;
            lines.add(new Line(l.sku(), p, amount, discount));
            total = Math.addExact(total, discount);
        }
        return new Quote(rankCode, lines, total);
    }
}
