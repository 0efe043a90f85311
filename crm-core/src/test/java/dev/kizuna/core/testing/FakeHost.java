package dev.kizuna.core.testing;

import dev.kizuna.core.spi.AdminAuthenticator;
import dev.kizuna.core.spi.HostOrders;
import dev.kizuna.core.spi.HostPorts;
import jakarta.servlet.http.HttpServletRequest;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A host for tests: a JPY shop in Tokyo whose current shopper is named by the {@code X-Test-Shopper} header, whose
 * admin login vouches for the console role named by the {@code X-Test-Admin} header (as a host's own login would),
 * and whose contacts are whatever the test puts in {@link #contacts}.
 */
public class FakeHost implements HostPorts {
    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    public static final String SHOPPER_HEADER = "X-Test-Shopper";
    public static final String ADMIN_HEADER = "X-Test-Admin";

    public final Map<String, Contact> contacts = new ConcurrentHashMap<>();
    /** The host's own orders, when a test gives it some ({@link HostOrders}); none by default. */
    public volatile HostOrders orders;

    @Override
    public Optional<String> currentShopper(HttpServletRequest request) {
        return Optional.ofNullable(request.getHeader(SHOPPER_HEADER));
    }

    @Override
    public Optional<AdminAuthenticator> adminAuthenticator() {
        return Optional.of(request -> Optional.ofNullable(request.getHeader(ADMIN_HEADER))
                .map(role -> new AdminAuthenticator.AdminIdentity("tester-" + role.toLowerCase(Locale.ROOT), role)));
    }

    @Override
    public Optional<Contact> contact(String customerId) {
        return Optional.ofNullable(contacts.get(customerId));
    }

    @Override
    public Optional<HostOrders> orders() {
        return Optional.ofNullable(orders);
    }

    @Override
    public ZoneId shopZone() {
        return TOKYO;
    }

    @Override
    public Currency shopCurrency() {
        return Currency.getInstance("JPY");
    }
}
