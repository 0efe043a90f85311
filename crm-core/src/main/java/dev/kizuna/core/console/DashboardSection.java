package dev.kizuna.core.console;

/**
 * A feature's part of the console's dashboard: headline figures and a card (chart, table). Sections appear in
 * ascending {@link #order()}; a module that is not installed contributes none.
 */
public interface DashboardSection {

    /** Names the card's element ({@code section-<id>}). */
    String id();

    int order();

    /** The figures and the card (HTML, usually a fragment of the feature's template); an empty card shows none. */
    Panel render(PageRequest request);
}
