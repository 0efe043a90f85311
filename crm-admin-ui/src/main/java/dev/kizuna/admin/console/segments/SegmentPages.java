package dev.kizuna.admin.console.segments;

import dev.kizuna.admin.console.ConsoleRoutes;
import dev.kizuna.admin.console.Formats;
import dev.kizuna.admin.console.Messages;
import dev.kizuna.admin.console.PageRequest;
import dev.kizuna.admin.console.PageResult;
import dev.kizuna.admin.console.dashboard.SvgCharts;
import dev.kizuna.segment.SegmentQueries;
import dev.kizuna.segment.rfm.RfmSegmentDefinition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Segments: sizes of every RFM, behavioural and LTV segment, the RFM grid, movements between RFM segments, the LTV
 * deciles, each segment's members, and the segment as CSV. Read-only: the segment service computes everything.
 */
public final class SegmentPages {
    static final int PAGE_SIZE = 50;
    static final Duration MOVEMENT_WINDOW = Duration.ofDays(30);

    public void register(ConsoleRoutes routes) {
        routes.get("/segments", ConsoleRoutes.CONFIGURE, this::overview);
        routes.get("/segments/{key}", ConsoleRoutes.CONFIGURE, this::members);
        routes.get("/segments/{key}/export.csv", ConsoleRoutes.CONFIGURE, this::export);
    }

    private PageResult overview(PageRequest r) {
        SegmentQueries segments = r.port(SegmentQueries.class);
        Messages t = r.messages();
        boolean en = "en".equals(r.locale().getLanguage());
        Map<String, Object> model = new HashMap<>();
        model.put("sizes", segments.sizes());
        SegmentQueries.RfmGrid grid = segments.rfmGrid();
        model.put("grid", grid);
        model.put("rfmChart", rfmChart(grid, t, r.formats(), en));
        Instant since = r.ctx().clock().instant().minus(MOVEMENT_WINDOW);
        model.put("movements", segments.movementCounts(since));
        Map<String, String> names = new HashMap<>();
        for (RfmSegmentDefinition d : grid.segments()) {
            names.put(d.key(), d.name(en));
            names.put("rfm:" + d.key(), d.name(en));
        }
        model.put("segmentNames", names);
        SegmentQueries.LtvDeciles deciles = segments.ltvDeciles();
        model.put("deciles", deciles);
        model.put("ltvChart", SvgCharts.bars("chart-ltv-deciles", t.text("segments.ltv-deciles"),
                deciles.deciles().stream().map(d -> new SvgCharts.Bar(t.text("segments.decile", d.decile()),
                        d.predictedValue())).toList(), v -> r.formats().money(v), t.text("chart.no-data")));
        return PageResult.view("segments/overview.ftlh", model);
    }

    /** The R × FM grid, recency 5 (most recent) on top, each cell labelled with its segment. */
    public static String rfmChart(SegmentQueries.RfmGrid grid, Messages t, Formats f, boolean en) {
        Map<String, String> names = new HashMap<>();
        for (RfmSegmentDefinition d : grid.segments()) {
            names.put(d.key(), d.name(en));
            names.put("rfm:" + d.key(), d.name(en));
        }
        List<SvgCharts.Cell> cells = new ArrayList<>();
        for (SegmentQueries.GridCell c : grid.cells()) {
            cells.add(new SvgCharts.Cell(5 - c.r(), c.fm() - 1, c.members(),
                    c.segmentKey() == null ? "" : names.getOrDefault(c.segmentKey(), c.segmentKey())));
        }
        return SvgCharts.grid("chart-rfm", t.text("dashboard.rfm"), List.of("R5", "R4", "R3", "R2", "R1"),
                List.of("FM1", "FM2", "FM3", "FM4", "FM5"), cells, f::number, t.text("chart.no-data"));
    }

    private PageResult members(PageRequest r) {
        String key = r.path("key");
        int page = r.intParam("page", 1, 1, 100_000);
        SegmentQueries.MemberPage members = r.port(SegmentQueries.class).members(key, page, PAGE_SIZE, null);
        Map<String, Object> model = new HashMap<>();
        model.put("segment", members);
        model.put("hasMore", members.nextAfter() != null && (long) page * PAGE_SIZE < members.total());
        return PageResult.view("segments/members.ftlh", model);
    }

    private PageResult export(PageRequest r) {
        String key = r.path("key");
        String csv = r.port(SegmentQueries.class).membersCsv(key);
        // a segment export carries customer e-mails out of Kizuna: who took it is recorded
        r.ctx().database().execute(tx -> r.ctx().audit().record(tx, r.actor(), "segment.export", "segment:" + key,
                null, Map.of("segment", key)));
        return new PageResult.Download("segment-" + key.replace(':', '-') + ".csv", "text/csv; charset=UTF-8",
                csv.getBytes(StandardCharsets.UTF_8));
    }
}
