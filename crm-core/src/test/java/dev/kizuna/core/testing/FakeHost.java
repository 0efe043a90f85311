package dev.kizuna.core.testing;

import dev.kizuna.core.spi.AdminAuthenticator;
import dev.kizuna.core.spi.HostCatalog;
import dev.kizuna.core.spi.HostOrders;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.text.LocalizedText;
import jakarta.servlet.http.HttpServletRequest;

import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
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
    /** What the shop sells ({@link HostCatalog}): a few categories and SKUs the tests' orders and campaigns use. */
    public volatile HostCatalog catalog = catalog(
            List.of(category("tea", "お茶", "Tea"), category("sweets", "和菓子", "Sweets"),
                    category("tableware", "茶器・食器", "Tableware"), category("shoes", "靴", "Shoes"),
                    category("bags", "かばん", "Bags")),
            List.of(product("TEA", "煎茶", "Sencha", "tea"), product("SWEET", "羊羹", "Yokan", "sweets"),
                    product("SKU-1", "スニーカー", "Sneakers", "shoes"), product("SKU-2", "トートバッグ", "Tote bag", "bags")));

    public static HostCatalog.Category category(String key, String ja, String en) {
        return new HostCatalog.Category(key, LocalizedText.of(ja, en));
    }

    public static HostCatalog.Product product(String sku, String ja, String en, String category) {
        return new HostCatalog.Product(sku, LocalizedText.of(ja, en), category);
    }

    public static HostCatalog catalog(List<HostCatalog.Category> categories, List<HostCatalog.Product> products) {
        return new HostCatalog() {
            @Override
            public List<Category> categories() {
                return categories;
            }

            @Override
            public List<Product> products() {
                return products;
            }
        };
    }

    @Override
    public Optional<HostCatalog> catalog() {
        return Optional.ofNullable(catalog);
    }

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
