package dev.kizuna.core.console;

import java.util.List;

/**
 * A feature's part of the customer's 360° page: headline figures and a card (the points ledger, the rank, the
 * answers). Sections appear in ascending {@link #order()}; a module that is not installed contributes none.
 * Masking for the support role happens in the section, before anything reaches a template.
 */
public interface CustomerSection {

    String id();

    int order();

    default List<Figure> figures(CustomerPage page) {
        return List.of();
    }

    /** The card's HTML, usually {@code page.request().fragment(…)}; empty for none. */
    String render(CustomerPage page);
}
