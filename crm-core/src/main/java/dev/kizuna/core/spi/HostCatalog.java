package dev.kizuna.core.spi;

import dev.kizuna.core.text.LocalizedText;

import java.util.List;

/**
 * What the host sells, by the keys its events use: the categories and products (SKUs) with their names, for the
 * console's pickers and for naming a category on a page instead of showing its key. Optional
 * ({@link HostPorts#catalog()}); without it Kizuna lists the categories and SKUs its order mirror has seen, by key.
 */
public interface HostCatalog {

    record Category(String key, LocalizedText name) {
    }

    record Product(String sku, LocalizedText name, String category) {
    }

    List<Category> categories();

    List<Product> products();
}
