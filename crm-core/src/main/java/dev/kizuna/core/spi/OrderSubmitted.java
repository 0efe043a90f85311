package dev.kizuna.core.spi;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An order was placed. Amounts are integer minor units of {@code currency} (JPY has none).
 * {@code merchandiseTotal} is the lines' total after line and order discounts, before shipping and tax,
 * and before points redemption; {@code grandTotal} is what the shopper pays. {@code paymentFingerprint}, optional, is
 * the host's hash of the means of payment (the card's fingerprint from the payment provider), which the referral
 * program compares with the referrer's.
 */
public record OrderSubmitted(String eventId, Instant occurredAt, String orderId, String customerId, String currency,
                             Channel channel, List<OrderLine> lines, long merchandiseTotal, long discountTotal,
                             long shippingTotal, long taxTotal, long pointsRedeemed, String couponCode,
                             long grandTotal, String paymentFingerprint) implements HostEvent {

    public enum Channel { WEB, STORE }

    /** One order line; {@code discount} is the part of order discounts allocated to this line. */
    public record OrderLine(String sku, String category, int quantity, long unitPrice, long discount) {
        public long netAmount() {
            return unitPrice * quantity - discount;
        }
    }

    @JsonCreator
    public OrderSubmitted {
        lines = lines == null ? List.of() : List.copyOf(lines);
        channel = channel == null ? Channel.WEB : channel;
    }

    /** An order without a payment fingerprint. */
    public OrderSubmitted(String eventId, Instant occurredAt, String orderId, String customerId, String currency,
                          Channel channel, List<OrderLine> lines, long merchandiseTotal, long discountTotal,
                          long shippingTotal, long taxTotal, long pointsRedeemed, String couponCode, long grandTotal) {
        this(eventId, occurredAt, orderId, customerId, currency, channel, lines, merchandiseTotal, discountTotal,
                shippingTotal, taxTotal, pointsRedeemed, couponCode, grandTotal, null);
    }

    @Override
    public Optional<String> provides() {
        return Optional.of(HostEvent.orderSubject(orderId));
    }
}
