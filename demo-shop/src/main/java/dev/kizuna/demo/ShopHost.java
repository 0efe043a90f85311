package dev.kizuna.demo;

import dev.kizuna.core.spi.HostPorts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

/** The demo shop's side of Kizuna's host ports: who is signed in, how to reach a customer, the shop's zone and currency. */
final class ShopHost implements HostPorts {
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
}
