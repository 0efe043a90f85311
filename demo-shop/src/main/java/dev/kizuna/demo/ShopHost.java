package dev.kizuna.demo;

import dev.kizuna.core.spi.HostCatalog;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.HostOrders;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo shop's side of Kizuna's host ports: who is signed in, how to reach a customer, the shop's zone and
 * currency, and its orders for Kizuna's reconciliation.
 */
final class ShopHost implements HostPorts, HostOrders {
    static final String SESSION_CUSTOMER = "shop.customerId";
    static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private final ShopStore store;

    ShopHost(ShopStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> currentShopper(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(SESSION_CUSTOMER));
    }

    @Override
    public Optional<Contact> contact(String customerId) {
        return store.customer(Long.parseLong(customerId))
                .filter(c -> !c.deleted())
                .map(c -> new Contact(c.email(), c.name(), c.locale()));
    }

    @Override
    public ZoneId shopZone() {
        return ZONE;
    }

    @Override
    public Currency shopCurrency() {
        return Currency.getInstance("JPY");
    }

    @Override
    public Optional<HostOrders> orders() {
        return Optional.of(this);
    }

    /** The shop's products and their categories, named by the shop's own texts (category.<key>). */
    @Override
    public Optional<HostCatalog> catalog() {
        ShopTexts ja = new ShopTexts(Locale.JAPANESE, ZONE);
        ShopTexts en = new ShopTexts(Locale.ENGLISH, ZONE);
        List<ShopStore.Product> products = store.products(null);
        List<HostCatalog.Category> categories = products.stream().map(ShopStore.Product::category).distinct()
                .map(k -> new HostCatalog.Category(k, LocalizedText.of(ja.category(k), en.category(k)))).toList();
        List<HostCatalog.Product> items = products.stream().map(p -> new HostCatalog.Product(p.sku(),
                LocalizedText.of(p.nameJa(), p.nameEn()), p.category())).toList();
        return Optional.of(new HostCatalog() {
            @Override
            public List<Category> categories() {
                return categories;
            }

            @Override
            public List<Product> products() {
                return items;
            }
        });
    }

    @Override
    public List<HostOrder> changedBetween(Instant from, Instant to) {
        return store.ordersPlacedBetween(from, to).stream().map(ShopHost::view).toList();
    }

    @Override
    public Optional<HostOrder> find(String orderId) {
        return id(orderId).flatMap(store::order).map(ShopHost::view);
    }

    /**
     * The order's submission, delivery and cancel with the event ids the checkout used. Returns are not rebuilt: the
     * shop gives each return its own id, so a rebuilt one would count twice; the reconciliation names them instead.
     */
    @Override
    public List<HostEvent> eventsOf(String orderId) {
        Optional<ShopStore.Order> found = id(orderId).flatMap(store::order);
        if (found.isEmpty()) {
            return List.of();
        }
        ShopStore.Order o = found.get();
        List<HostEvent> events = new ArrayList<>();
        events.add(ShopCheckout.submitted(o));
        switch (o.status()) {
            case "DELIVERED", "PARTIALLY_RETURNED", "RETURNED" ->
                    events.add(new OrderDelivered("order-delivered-" + o.id(), o.createdAt(), orderId));
            case "CANCELLED" -> events.add(new OrderCancelled("order-cancelled-" + o.id(), o.createdAt(), orderId));
            default -> {
                // placed: its submission is all there is
            }
        }
        return events;
    }

    private static HostOrder view(ShopStore.Order o) {
        return new HostOrder(Long.toString(o.id()), Long.toString(o.customerId()), HostOrders.Status.valueOf(o.status()),
                o.total(), o.pointsRedeemed(), o.createdAt());
    }

    private static Optional<Long> id(String orderId) {
        try {
            return Optional.of(Long.parseLong(orderId));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
