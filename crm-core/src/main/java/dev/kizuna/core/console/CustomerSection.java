package dev.kizuna.core.console;

/**
 * A feature's part of the customer's 360° page: headline figures and a card (the points ledger, the rank, the
 * answers). Sections appear in ascending {@link #order()}; a module that is not installed contributes none.
 * Masking for the support role happens in the section, before anything reaches a template.
 */
public interface CustomerSection {

    String id();

    int order();

    /** The figures and the card (HTML, usually a fragment of the feature's template); an empty card shows none. */
    Panel render(CustomerPage page);
}
