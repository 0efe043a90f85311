package dev.kizuna.core.console;

import java.util.List;

/**
 * What a feature's section puts on a page: its headline figures and its card's HTML, made from one read of the
 * feature's data (so a section never queries twice for its numbers and its card).
 */
public record Panel(List<Figure> figures, String html) {
    public Panel {
        figures = List.copyOf(figures);
    }

    public static Panel of(String html) {
        return new Panel(List.of(), html);
    }
}
