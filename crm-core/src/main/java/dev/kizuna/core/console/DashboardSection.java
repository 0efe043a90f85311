package dev.kizuna.core.console;

import java.util.List;

/**
 * A feature's part of the console's dashboard: headline figures and a card (chart, table). Sections appear in
 * ascending {@link #order()}; a module that is not installed contributes none.
 */
public interface DashboardSection {

    /** Names the card's element ({@code section-<id>}). */
    String id();

    int order();

    /** The numbers for the dashboard's top row. */
    default List<Figure> figures(PageRequest request) {
        return List.of();
    }

    /** The card's HTML, usually {@code request.fragment("<feature>/dashboard.ftlh", model)}; empty for none. */
    String render(PageRequest request);
}
