package dev.kizuna.spring.sample;

import dev.kizuna.core.spi.Cart;
import dev.kizuna.core.spi.CouponCheckout;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.spi.PointsCheckout;
import dev.kizuna.spring.SpringHostOutbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shop's transactions: each writes the shop's rows, makes Kizuna's reservations and appends Kizuna's events on
 * the one connection of the Spring transaction, so they commit or roll back together.
 */
@Service
class Checkout {
    private final JdbcTemplate jdbc;
    private final SpringHostOutbox outbox;
    private final PointsCheckout points;
    private final CouponCheckout coupons;

    Checkout(JdbcTemplate jdbc, SpringHostOutbox outbox, PointsCheckout points, CouponCheckout coupons) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.points = points;
        this.coupons = coupons;
    }

    record Placed(String orderId, long merchandise, long discount, long pointsRedeemed, long grandTotal) {
    }

    @Transactional
    public void register(String customerId, String email, String name) {
        jdbc.update("INSERT INTO shop.customer (id, email, name) VALUES (?, ?, ?)", customerId, email, name);
        outbox.append(List.of(new CustomerRegistered("customer-registered-" + customerId, Instant.now(), customerId,
                email, name, null, "ja", Map.of("mail", true))));
    }

    /** One order of {@code quantity} × {@code sku}, paying {@code pointsToUse} points and a coupon code (or none). */
    @Transactional
    public Placed place(String customerId, String sku, int quantity, long unitPrice, long pointsToUse, String couponCode,
                        String clientAddress) {
        String orderId = "SO-" + UUID.randomUUID().toString().substring(0, 8);
        Cart cart = new Cart("JPY", List.of(new Cart.CartLine(sku, "tea", quantity, unitPrice)), 0);
        long merchandise = cart.merchandiseTotal();
        long[] discount = {0};
        outbox.inTransaction(() -> {
            if (couponCode != null && !couponCode.isBlank()) {
                discount[0] = coupons.reserve(customerId, orderId, couponCode, cart, clientAddress).discount();
                coupons.commit(orderId);
            }
            if (pointsToUse > 0) {
                points.reserve(customerId, orderId, "JPY", merchandise - discount[0], pointsToUse);
                points.commit(orderId);
            }
        });
        long grand = merchandise - discount[0] - pointsToUse;
        jdbc.update("INSERT INTO shop.orders (id, customer_id, merchandise, discount, points_redeemed, grand_total, coupon_code)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", orderId, customerId, merchandise, discount[0], pointsToUse, grand, couponCode);
        outbox.append(List.of(new OrderSubmitted("order-submitted-" + orderId, Instant.now(), orderId, customerId, "JPY",
                OrderSubmitted.Channel.WEB, List.of(new OrderSubmitted.OrderLine(sku, "tea", quantity, unitPrice, discount[0])),
                merchandise - discount[0], discount[0], 0, 0, pointsToUse, couponCode, grand)));
        return new Placed(orderId, merchandise, discount[0], pointsToUse, grand);
    }
}
