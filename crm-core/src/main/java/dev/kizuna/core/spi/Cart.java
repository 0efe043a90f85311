package dev.kizuna.core.spi;

import java.util.List;

/**
 * A cart as the host's checkout shows it to Kizuna for a quote: lines in minor units of {@code currency},
 * and the shipping charge (never part of what earns or what a percentage coupon discounts).
 */
public record Cart(String currency, List<CartLine> lines, long shipping) {

    public record CartLine(String sku, String category, int quantity, long unitPrice) {
        public long amount() {
            return unitPrice * quantity;
        }
    }

    public Cart {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public long merchandiseTotal() {
        return lines.stream().mapToLong(CartLine::amount).sum();
    }
}
