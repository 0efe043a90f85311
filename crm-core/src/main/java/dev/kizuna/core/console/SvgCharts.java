package dev.kizuna.core.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Charts drawn on the server as inline SVG: the console works offline (no chart library from a CDN) and under a CSP
 * without inline styles (colours come from classes in console.css). Every text is XML-escaped here, so the result
 * may be written into a page unescaped.
 */
public final class SvgCharts {
    static final int WIDTH = 640;

    private SvgCharts() {
    }

    public record Bar(String label, long value) {
    }

    /** One line of a line chart; {@code null} values are gaps (no data for that period). */
    public record Series(String name, List<Long> values) {
    }

    /** One cell of a grid chart, e.g. an RFM segment: its row, column, count and a label. */
    public record Cell(int row, int column, long value, String label) {
    }

    /** Horizontal bars, one per label, with the formatted value at the end of each. */
    public static String bars(String id, String title, List<Bar> bars, LongFunction<String> format, String noData) {
        int labelWidth = 150;
        int valueWidth = 90;
        int rowHeight = 26;
        int top = 28;
        int height = top + Math.max(bars.size(), 1) * rowHeight + 10;
        StringBuilder svg = open(id, title, height);
        if (bars.isEmpty() || bars.stream().allMatch(b -> b.value() == 0)) {
            return noData(svg, noData, height);
        }
        long max = bars.stream().mapToLong(b -> Math.max(b.value(), 0)).max().orElse(1);
        double span = WIDTH - labelWidth - valueWidth;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = top + i * rowHeight;
            double w = max == 0 ? 0 : span * Math.max(b.value(), 0) / max;
            svg.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 16)
                    .append("\" text-anchor=\"end\">").append(escape(b.label())).append("</text>");
            svg.append("<rect class=\"bar\" x=\"").append(labelWidth).append("\" y=\"").append(y + 4)
                    .append("\" width=\"").append(fmt(Math.max(w, b.value() > 0 ? 1 : 0))).append("\" height=\"")
                    .append(rowHeight - 8).append("\"><title>").append(escape(b.label() + ": " + format.apply(b.value())))
                    .append("</title></rect>");
            svg.append("<text class=\"value\" x=\"").append(fmt(labelWidth + w + 6)).append("\" y=\"").append(y + 16)
                    .append("\">").append(escape(format.apply(b.value()))).append("</text>");
        }
        svg.append("</svg>");
        List<List<String>> rows = bars.stream().map(b -> List.of(b.label(), format.apply(b.value()))).toList();
        return svg.append(table(id, title, List.of("", ""), rows)).toString();
    }

    /**
     * Lines over shared x labels (months, weeks), with a y axis from the data (0 included) or fixed when
     * {@code fixedMin}/{@code fixedMax} are given (e.g. NPS −100..100).
     */
    public static String lines(String id, String title, List<String> xLabels, List<Series> series,
                               LongFunction<String> format, Long fixedMin, Long fixedMax, String noData) {
        int left = 70;
        int right = 16;
        int top = 30 + 18 * ((series.size() + 2) / 3);
        int plotHeight = 200;
        int bottom = 34;
        int height = top + plotHeight + bottom;
        StringBuilder svg = open(id, title, height);
        boolean any = series.stream().anyMatch(s -> s.values().stream().anyMatch(v -> v != null));
        if (xLabels.isEmpty() || !any) {
            return noData(svg, noData, height);
        }
        long lo = fixedMin != null ? fixedMin : Math.min(0, min(series));
        long hi = fixedMax != null ? fixedMax : Math.max(max(series), lo + 1);
        long[] ticks = ticks(lo, hi);
        lo = Math.min(lo, ticks[0]);
        hi = Math.max(hi, ticks[ticks.length - 1]);
        double plotWidth = WIDTH - left - right;
        final long yLo = lo;
        final long yHi = hi;
        java.util.function.LongToDoubleFunction yOf = v -> top + plotHeight - plotHeight * (double) (v - yLo) / (yHi - yLo);
        // legend
        for (int s = 0; s < series.size(); s++) {
            int lx = left + (s % 3) * 190;
            int ly = 30 + (s / 3) * 18;
            svg.append("<rect class=\"fill-").append(s % 6).append("\" x=\"").append(lx).append("\" y=\"").append(ly - 9)
                    .append("\" width=\"12\" height=\"4\"/>");
            svg.append("<text x=\"").append(lx + 16).append("\" y=\"").append(ly - 4).append("\">")
                    .append(escape(series.get(s).name())).append("</text>");
        }
        for (long t : ticks) {
            double y = yOf.applyAsDouble(t);
            svg.append("<line class=\"").append(t == 0 ? "zero" : "grid").append("\" x1=\"").append(left).append("\" x2=\"")
                    .append(WIDTH - right).append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>");
            svg.append("<text x=\"").append(left - 6).append("\" y=\"").append(fmt(y + 4)).append("\" text-anchor=\"end\">")
                    .append(escape(format.apply(t))).append("</text>");
        }
        svg.append("<line class=\"axis\" x1=\"").append(left).append("\" x2=\"").append(left).append("\" y1=\"").append(top)
                .append("\" y2=\"").append(top + plotHeight).append("\"/>");
        int n = xLabels.size();
        double step = n == 1 ? 0 : plotWidth / (n - 1);
        // labels far enough apart not to touch at the stylesheet's 13-unit font
        double labelWidth = xLabels.stream().mapToDouble(SvgCharts::textWidth).max().orElse(8) + 10;
        int labelEvery = Math.max(1, (int) Math.ceil(labelWidth / Math.max(step, 1)));
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? left + plotWidth / 2 : left + i * step;
            boolean last = i == n - 1 && n > 1;
            // the last label ends at its point (centred it would run past the right edge), so one too close goes
            boolean crowdsLast = !last && n > 1 && (n - 1 - i) * step < 1.5 * labelWidth;
            if (last || (i % labelEvery == 0 && !crowdsLast)) {
                svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(top + plotHeight + 18)
                        .append("\" text-anchor=\"").append(last ? "end" : "middle").append("\">")
                        .append(escape(xLabels.get(i))).append("</text>");
            }
        }
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < n && i < ser.values().size(); i++) {
                Long v = ser.values().get(i);
                if (v == null) {
                    pen = false;
                    continue;
                }
                double x = n == 1 ? left + plotWidth / 2 : left + i * step;
                double y = yOf.applyAsDouble(v);
                path.append(pen ? " L" : (path.length() == 0 ? "M" : " M")).append(fmt(x)).append(' ').append(fmt(y));
                pen = true;
                dots.append("<circle class=\"dot fill-").append(s % 6).append("\" cx=\"").append(fmt(x)).append("\" cy=\"")
                        .append(fmt(y)).append("\" r=\"3\"><title>").append(escape(ser.name() + " · " + xLabels.get(i)
                                + ": " + format.apply(v))).append("</title></circle>");
            }
            if (path.length() > 0) {
                svg.append("<path class=\"line series-").append(s % 6).append("\" d=\"").append(path).append("\"/>");
            }
            svg.append(dots);
        }
        svg.append("</svg>");
        List<String> head = new ArrayList<>(List.of(""));
        series.forEach(ser -> head.add(ser.name()));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < xLabels.size(); i++) {
            List<String> row = new ArrayList<>(List.of(xLabels.get(i)));
            for (Series ser : series) {
                Long v = i < ser.values().size() ? ser.values().get(i) : null;
                row.add(v == null ? "" : format.apply(v));
            }
            rows.add(row);
        }
        return svg.append(table(id, title, head, rows)).toString();
    }

    /**
     * The chart's figures as a table under it, folded away behind the chart's title: what a screen reader reads
     * and what someone without a mouse (no tooltips) opens.
     */
    private static String table(String id, String title, List<String> head, List<List<String>> rows) {
        String safeId = id.replaceAll("[^A-Za-z0-9_-]", "-");
        StringBuilder t = new StringBuilder(1024);
        t.append("<details class=\"chart-data\" id=\"").append(safeId).append("-data\"><summary>").append(escape(title))
                .append("</summary><table class=\"data\"><thead><tr>");
        head.forEach(h -> t.append("<th scope=\"col\">").append(escape(h)).append("</th>"));
        t.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            t.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                String tag = c == 0 ? "th scope=\"row\"" : "td class=\"num\"";
                t.append('<').append(tag).append('>').append(escape(row.get(c))).append("</").append(c == 0 ? "th" : "td")
                        .append('>');
            }
            t.append("</tr>");
        }
        return t.append("</tbody></table></details>").toString();
    }

    /**
     * A grid of cells shaded by value (six steps), e.g. the RFM grid: {@code rows} × {@code columns} with their
     * axis labels; a cell shows its label and value.
     */
    public static String grid(String id, String title, List<String> rowLabels, List<String> columnLabels,
                              List<Cell> cells, LongFunction<String> format, String noData) {
        int left = 110;
        int top = 30;
        int cellW = (WIDTH - left - 10) / Math.max(columnLabels.size(), 1);
        int cellH = 46;
        int height = top + rowLabels.size() * cellH + 30;
        StringBuilder svg = open(id, title, height);
        if (cells.isEmpty() || cells.stream().allMatch(c -> c.value() == 0)) {
            return noData(svg, noData, height);
        }
        long max = cells.stream().mapToLong(Cell::value).max().orElse(1);
        for (int r = 0; r < rowLabels.size(); r++) {
            svg.append("<text x=\"").append(left - 8).append("\" y=\"").append(top + r * cellH + cellH / 2 + 4)
                    .append("\" text-anchor=\"end\">").append(escape(rowLabels.get(r))).append("</text>");
        }
        for (int c = 0; c < columnLabels.size(); c++) {
            svg.append("<text x=\"").append(left + c * cellW + cellW / 2).append("\" y=\"")
                    .append(top + rowLabels.size() * cellH + 18).append("\" text-anchor=\"middle\">")
                    .append(escape(columnLabels.get(c))).append("</text>");
        }
        for (Cell cell : cells) {
            int shade = max == 0 ? 0 : (int) Math.min(5, Math.round(5.0 * cell.value() / max));
            int x = left + cell.column() * cellW;
            int y = top + cell.row() * cellH;
            svg.append("<rect class=\"heat-").append(shade).append("\" x=\"").append(x + 1).append("\" y=\"").append(y + 1)
                    .append("\" width=\"").append(cellW - 2).append("\" height=\"").append(cellH - 2).append("\"><title>")
                    .append(escape(cell.label() + ": " + format.apply(cell.value()))).append("</title></rect>");
            String cls = shade >= 3 ? "heat-label on-dark" : "heat-label";
            svg.append("<text class=\"").append(cls).append("\" x=\"").append(x + cellW / 2).append("\" y=\"").append(y + 19)
                    .append("\" text-anchor=\"middle\">").append(escape(cell.label())).append("</text>");
            svg.append("<text class=\"").append(cls).append("\" x=\"").append(x + cellW / 2).append("\" y=\"").append(y + 35)
                    .append("\" text-anchor=\"middle\">").append(escape(format.apply(cell.value()))).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** Round tick values (1, 2, 5 × 10ⁿ steps) covering [lo, hi], about five of them. */
    static long[] ticks(long lo, long hi) {
        if (hi <= lo) {
            hi = lo + 1;
        }
        double raw = (hi - lo) / 4.0;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / magnitude;
        long step = Math.max(1, Math.round((norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude));
        long first = Math.floorDiv(lo, step) * step;
        long last = -Math.floorDiv(-hi, step) * step;
        List<Long> out = new ArrayList<>();
        for (long t = first; t <= last; t += step) {
            out.add(t);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static StringBuilder open(String id, String title, int height) {
        StringBuilder svg = new StringBuilder(4096);
        String safeId = id.replaceAll("[^A-Za-z0-9_-]", "-");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(safeId)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(safeId).append("-title\">");
        svg.append("<title id=\"").append(safeId).append("-title\">").append(escape(title)).append("</title>");
        svg.append("<text class=\"title\" x=\"0\" y=\"14\">").append(escape(title)).append("</text>");
        return svg;
    }

    private static String noData(StringBuilder svg, String text, int height) {
        svg.append("<text class=\"nodata\" x=\"").append(WIDTH / 2).append("\" y=\"").append(Math.max(height / 2, 40))
                .append("\" text-anchor=\"middle\">").append(escape(text)).append("</text>");
        return svg.append("</svg>").toString();
    }

    private static long min(List<Series> series) {
        return series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null).mapToLong(Long::longValue).min().orElse(0);
    }

    private static long max(List<Series> series) {
        return series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null).mapToLong(Long::longValue).max().orElse(0);
    }

    /** About how wide a label is at the stylesheet's 13-unit font: a full-width character 13 units, others 7.5. */
    static double textWidth(String text) {
        return text.codePoints().mapToDouble(c -> c >= 0x2E80 ? 13 : 7.5).sum();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /** XML text and attribute escaping. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
