package dev.kizuna.core.spi;

import dev.kizuna.core.money.Amounts;

import java.util.List;

/**
 * A cart as the host's checkout shows it to Kizuna for a quote: lines in minor units of {@code currency},
 * and the shipping charge (never part of what earns or what a percentage coupon discounts).
 */
public record Cart(String currency, List<CartLine> lines, long shipping) {

    public record CartLine(String sku, String category, int quantity, long unitPrice) {
        /** Unit price times quantity, exactly ({@code amount-overflow} otherwise). */
        public long amount() {
            return Amounts.multiply("unitPrice", unitPrice, quantity);
        }
    }

    public Cart {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public long merchandiseTotal() {
        long total = 0;
        for (int i = 0; i < lines.size(); i++) {
            total = Amounts.add("lines[" + i + "].unitPrice", total, lines.get(i).amount());
        }
        return total;
    }
}
