package dev.kizuna.demo;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.intake.EventValidation;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.spi.OrderSubmitted;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order check's bounds, without a database: what it accepts is always an event Kizuna accepts. */
class OrderCommandTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final OrderCommand.Catalog CATALOG = new OrderCommand.Catalog() {
        @Override
        public boolean customerExists(long id) {
            return id == 7;
        }

        @Override
        public Optional<String> categoryOf(String sku) {
            return Optional.of("tea");
        }
    };

    private static OrderCommand of(List<ShopCheckout.LineRequest> lines, Long points) {
        return OrderCommand.of(new ShopCheckout.OrderRequest("7", "JPY", lines, null, points, null), CATALOG, NOW, false);
    }

    @Test
    void the_largest_order_accepted_is_an_event_kizuna_accepts() {
        String wide = "茶".repeat(OrderCommand.MAX_SKU - 4);
        List<ShopCheckout.LineRequest> lines = IntStream.range(0, OrderCommand.MAX_LINES)
                .mapToObj(i -> new ShopCheckout.LineRequest(String.format("%04d", i) + wide, "器".repeat(OrderCommand.MAX_CATEGORY),
                        1, 1_000_000L))
                .toList();
        OrderCommand c = of(lines, OrderCommand.MAX_ORDER_AMOUNT);
        assertThat(c.subtotal()).isEqualTo(100_000_000L);
        List<OrderSubmitted.OrderLine> eventLines = c.lines().stream()
                .map(l -> new OrderSubmitted.OrderLine(l.sku(), l.category(), l.quantity(), l.unitPrice(), 1_000_000L))
                .toList();
        OrderSubmitted event = new OrderSubmitted("order-submitted-" + Long.MAX_VALUE, NOW, Long.toString(Long.MAX_VALUE),
                Long.toString(Long.MAX_VALUE), "JPY", OrderSubmitted.Channel.WEB, eventLines, 0, c.subtotal(), 500, 0,
                c.pointsToRedeem(), "C".repeat(OrderCommand.MAX_COUPON_CODE), 500);
        EventValidation.validate(event);
        assertThat(Json.write(event).getBytes(StandardCharsets.UTF_8).length).isLessThan(EventValidation.MAX_PAYLOAD_BYTES);
    }

    @Test
    void sums_beyond_one_order_are_refused_not_wrapped() {
        List<ShopCheckout.LineRequest> lines = IntStream.range(0, 11)
                .mapToObj(i -> new ShopCheckout.LineRequest("S" + i, null, 1, OrderCommand.MAX_UNIT_PRICE)).toList();
        assertThatThrownBy(() -> of(lines, 0L)).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.field()).isEqualTo("lines");
            assertThat(e.key()).isEqualTo("shop.order-amount-at-most");
        });
        assertThat(of(lines.subList(0, 10), 0L).subtotal()).isEqualTo(OrderCommand.MAX_ORDER_AMOUNT);
    }

    @Test
    void a_category_left_out_comes_from_the_catalog() {
        OrderCommand c = of(List.of(new ShopCheckout.LineRequest(" TEA-001 ", null, 2, 500L)), null);
        assertThat(c.lines().get(0).sku()).isEqualTo("TEA-001");
        assertThat(c.lines().get(0).category()).isEqualTo("tea");
        assertThat(c.pointsToRedeem()).isZero();
    }

    @Test
    void a_past_order_needs_a_dev_install_and_a_date_between_1970_and_now() {
        ShopCheckout.OrderRequest past = new ShopCheckout.OrderRequest("7", "JPY",
                List.of(new ShopCheckout.LineRequest("A", null, 1, 1L)), null, null, "2026-05-01T09:00:00+09:00");
        assertThatThrownBy(() -> OrderCommand.of(past, CATALOG, NOW, false))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.key()).isEqualTo("shop.past-orders-dev-only"));
        assertThat(OrderCommand.of(past, CATALOG, NOW, true).placedAt()).contains(Instant.parse("2026-05-01T00:00:00Z"));
        ShopCheckout.OrderRequest future = new ShopCheckout.OrderRequest("7", "JPY",
                List.of(new ShopCheckout.LineRequest("A", null, 1, 1L)), null, null, "2026-06-02T00:00:00Z");
        assertThatThrownBy(() -> OrderCommand.of(future, CATALOG, NOW, true))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("placedAt"));
    }
}
