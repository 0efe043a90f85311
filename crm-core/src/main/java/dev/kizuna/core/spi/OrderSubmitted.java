package dev.kizuna.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An order was placed. Amounts are integer minor units of {@code currency} (JPY has none).
 * {@code merchandiseTotal} is the lines' total after line and order discounts, before shipping and tax,
 * and before points redemption; {@code grandTotal} is what the shopper pays.
 */
public record OrderSubmitted(String eventId, Instant occurredAt, String orderId, String customerId, String currency,
                             Channel channel, List<OrderLine> lines, long merchandiseTotal, long discountTotal,
                             long shippingTotal, long taxTotal, long pointsRedeemed, String couponCode,
                             long grandTotal) implements HostEvent {

    public enum Channel { WEB, STORE }

    /** One order line; {@code discount} is the part of order discounts allocated to this line. */
    public record OrderLine(String sku, String category, int quantity, long unitPrice, long discount) {
        public long netAmount() {
            return unitPrice * quantity - discount;
        }
    }

    public OrderSubmitted {
        lines = lines == null ? List.of() : List.copyOf(lines);
        channel = channel == null ? Channel.WEB : channel;
    }

    @Override
    public Optional<String> provides() {
        return Optional.of(HostEvent.orderSubject(orderId));
    }
}
