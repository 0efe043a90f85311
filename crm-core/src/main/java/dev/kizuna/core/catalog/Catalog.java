package dev.kizuna.core.catalog;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.HostCatalog;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.text.LocalizedText;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The categories and SKUs a merchant can pick and the names pages show for them: the host's catalog when it has one
 * ({@link HostPorts#catalog()}), else what the order mirror's recent lines name, by key. Features find it through
 * {@code ctx.ports()}; forms refuse a category or SKU that is not listed.
 */
public final class Catalog {
    /** How many of the newest order lines the fallback looks at: enough for a shop's range, cheap on a big mirror. */
    private static final int RECENT_LINES = 100_000;

    /** How long the host's answer is kept: names are read on every page, and a catalog changes rarely. */
    private static final long KEEP_NANOS = 60_000_000_000L;

    private final HostPorts host;
    private volatile Snapshot snapshot;

    private record Snapshot(Optional<HostCatalog> catalog, long at) {
    }

    public Catalog(HostPorts host) {
        this.host = host;
    }

    private Optional<HostCatalog> hostCatalog() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s == null || now - s.at() > KEEP_NANOS) {
            Optional<HostCatalog> c = host.catalog().filter(k -> !k.categories().isEmpty() || !k.products().isEmpty())
                    .map(k -> new Copy(List.copyOf(k.categories()), List.copyOf(k.products())));
            s = new Snapshot(c, now);
            snapshot = s;
        }
        return s.catalog();
    }

    private record Copy(List<HostCatalog.Category> categories, List<HostCatalog.Product> products) implements HostCatalog {
    }

    public List<HostCatalog.Category> categories(Tx tx) {
        return hostCatalog().map(HostCatalog::categories).orElseGet(() -> tx.sql().list("""
                SELECT DISTINCT category FROM (SELECT category FROM order_line ORDER BY order_id DESC LIMIT ?) l
                WHERE category IS NOT NULL ORDER BY 1""",
                rs -> new HostCatalog.Category(rs.getString(1), LocalizedText.of(rs.getString(1), rs.getString(1))),
                RECENT_LINES));
    }

    public List<HostCatalog.Product> products(Tx tx) {
        return hostCatalog().map(HostCatalog::products).orElseGet(() -> tx.sql().list("""
                SELECT DISTINCT ON (sku) sku, category FROM (
                  SELECT sku, category FROM order_line ORDER BY order_id DESC LIMIT ?) l ORDER BY sku""",
                rs -> new HostCatalog.Product(rs.getString(1), LocalizedText.of(rs.getString(1), rs.getString(1)),
                        rs.getString(2)), RECENT_LINES));
    }

    /** A category's name in the reader's language, or its key when the host does not name it. */
    public String categoryName(String key, Locale locale) {
        return hostCatalog().flatMap(c -> c.categories().stream().filter(k -> k.key().equals(key)).findFirst())
                .map(k -> k.name().get(locale)).orElse(key);
    }

    /** A category's name in every language the host gives, or its key in both. */
    public LocalizedText categoryName(String key) {
        return hostCatalog().flatMap(c -> c.categories().stream().filter(k -> k.key().equals(key)).findFirst())
                .map(HostCatalog.Category::name).orElse(LocalizedText.of(key, key));
    }

    /** Refuses categories that are not listed, naming {@code field}. */
    public void requireCategories(Tx tx, List<String> keys, String field) {
        if (keys == null || keys.isEmpty()) {
            return;
        }
        List<String> known = categories(tx).stream().map(HostCatalog.Category::key).toList();
        for (String k : keys) {
            if (!known.contains(k)) {
                throw new InvalidInput(field, "unknown-category", k);
            }
        }
    }

    /** Refuses SKUs that are not listed, naming {@code field}. */
    public void requireSkus(Tx tx, List<String> skus, String field) {
        if (skus == null || skus.isEmpty()) {
            return;
        }
        List<String> known = products(tx).stream().map(HostCatalog.Product::sku).toList();
        for (String k : skus) {
            if (!known.contains(k)) {
                throw new InvalidInput(field, "unknown-sku", k);
            }
        }
    }
}
