package dev.kizuna.segment.console;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.SvgCharts;
import dev.kizuna.segment.SegmentQueries;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.segment.rfm.RfmDefinitions;
import dev.kizuna.segment.rfm.RfmSegmentDefinition;
import dev.kizuna.segment.rfm.RfmSegmentMap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Segments: sizes of every RFM, behavioural and LTV segment, the RFM grid, movements between RFM segments, the LTV
 * deciles, each segment's members, and the segment as CSV, all computed by the segment service; and the editor of
 * the RFM segment map (one row per segment), which the RFM definitions service validates as a whole and audit-logs.
 */
public final class SegmentPages {
    static final int PAGE_SIZE = 50;
    static final Duration MOVEMENT_WINDOW = Duration.ofDays(30);

    public void register(ConsoleRoutes routes) {
        routes.get("/segments", ConsoleRoutes.CONFIGURE, this::overview);
        routes.get("/segments/forecast", ConsoleRoutes.CONFIGURE, this::forecast);
        routes.get("/segments/definitions", ConsoleRoutes.CONFIGURE, r -> definitions(r, null, new FormErrors(r.messages()), 200));
        routes.post("/segments/definitions", ConsoleRoutes.CONFIGURE, this::saveDefinitions);
        routes.get("/segments/{key}", ConsoleRoutes.CONFIGURE, this::members);
        routes.get("/segments/{key}/export.csv", ConsoleRoutes.CONFIGURE, this::export);
    }

    /** RFM segment names by key, bare and with the {@code rfm:} prefix, so a movement shows names, not keys. */
    static Map<String, String> segmentNames(List<RfmSegmentDefinition> segments, Locale locale) {
        Map<String, String> names = new HashMap<>();
        for (RfmSegmentDefinition d : segments) {
            names.put(d.key(), d.name().get(locale));
            names.put("rfm:" + d.key(), d.name().get(locale));
        }
        return names;
    }

    private PageResult overview(PageRequest r) {
        SegmentQueries segments = r.port(SegmentQueries.class);
        Messages t = r.messages();
        Map<String, Object> model = new HashMap<>();
        model.put("sizes", segments.sizes());
        SegmentQueries.RfmGrid grid = segments.rfmGrid();
        model.put("grid", grid);
        model.put("rfmChart", rfmChart(grid, t, r.formats(), r.locale()));
        Instant since = r.ctx().clock().instant().minus(MOVEMENT_WINDOW);
        model.put("movements", segments.movementCounts(since));
        model.put("segmentNames", segmentNames(grid.segments(), r.locale()));
        SegmentQueries.LtvDeciles deciles = segments.ltvDeciles();
        model.put("deciles", deciles);
        model.put("ltvChart", SvgCharts.bars("chart-ltv-deciles", t.text("segments.ltv-deciles"),
                deciles.deciles().stream().map(d -> new SvgCharts.Bar(t.text("segments.decile", d.decile()),
                        d.predictedValue())).toList(), v -> r.formats().money(v), t.text("chart.no-data")));
        return PageResult.view("segments/overview.ftlh", model);
    }

    /** The sales forecast of the current model and its back-test, forecast and actual purchase days week by week. */
    private PageResult forecast(PageRequest r) {
        SegmentQueries.SalesForecastView forecast = r.port(SegmentQueries.class).salesForecast();
        Messages t = r.messages();
        Map<String, Object> model = new HashMap<>();
        model.put("forecast", forecast);
        List<String> weeks = forecast.backtest().stream().map(w -> r.formats().date(w.weekStart())).toList();
        model.put("backtestChart", SvgCharts.lines("chart-backtest", t.text("segments.backtest"), weeks, List.of(
                new SvgCharts.Series(t.text("segments.backtest-forecast"),
                        forecast.backtest().stream().map(w -> Math.round(w.forecastOrders())).toList()),
                new SvgCharts.Series(t.text("segments.backtest-actual"),
                        forecast.backtest().stream().map(w -> w.actualOrders()).toList())),
                v -> r.formats().number(v), null, null, t.text("chart.no-data")));
        return PageResult.view("segments/forecast.ftlh", model);
    }

    /** Rows beyond the current segments, for adding new ones; at most this many rows are read back. */
    static final int SPARE_ROWS = 2;
    static final int MAX_ROWS = 25 + SPARE_ROWS;

    /** The editor: the current map, or what was typed ({@code rows} submitted) when shown again with its errors. */
    private PageResult definitions(PageRequest r, Integer rows, FormErrors errors, int status) {
        Map<String, Object> model = new HashMap<>();
        if (errors.any()) {
            model.put("values", r.formValues());
            model.put("rows", rows);
        } else {
            List<RfmSegmentDefinition> current = r.port(RfmDefinitions.class).current().segments();
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < current.size(); i++) {
                RfmSegmentDefinition d = current.get(i);
                String p = "segments[" + i + "].";
                values.put(p + "key", d.key());
                values.put(p + "name.ja", d.name().exactly(LocalizedText.JA).orElse(""));
                values.put(p + "name.en", d.name().exactly(LocalizedText.EN).orElse(""));
                values.put(p + "recencyMin", String.valueOf(d.recencyMin()));
                values.put(p + "recencyMax", String.valueOf(d.recencyMax()));
                values.put(p + "fmMin", String.valueOf(d.fmMin()));
                values.put(p + "fmMax", String.valueOf(d.fmMax()));
            }
            model.put("values", values);
            model.put("rows", Math.min(current.size() + SPARE_ROWS, MAX_ROWS));
        }
        model.put("errors", errors.asMap());
        return PageResult.view("segments/definitions.ftlh", model, status);
    }

    private PageResult saveDefinitions(PageRequest r) {
        RfmDefinitions service = r.port(RfmDefinitions.class);
        int rows = r.intParam("rows", 0, 0, MAX_ROWS);
        FormErrors errors = new FormErrors(r.messages());
        List<RfmSegmentDefinition> segments = new ArrayList<>();
        // a row without a key is left out (that removes a segment); the service numbers what it was given, so map back
        List<Integer> rowOf = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < rows; i++) {
            String p = "segments[" + i + "].";
            String key = r.param(p + "key").orElse(null);
            if (key == null) {
                continue;
            }
            segments.add(checkedRow(r, errors, p, key, keys));
            rowOf.add(i);
        }
        if (segments.isEmpty()) {
            errors.add(new InvalidInput("segments", "rfm.segments-required"));
        }
        if (errors.any()) {
            return definitions(r, rows, errors, 400);
        }
        try {
            RfmDefinitions.Replaced replaced = service.replace(new RfmDefinitions.Definitions(segments), r.actor());
            r.flashKey("success", "segments.definitions-saved", r.formats().number(replaced.membersReassigned()));
        } catch (InvalidInput e) {
            return definitions(r, rows, errors.add(e, f -> formRow(f, rowOf)), 400);
        }
        return PageResult.redirect("/segments");
    }

    /**
     * One row as typed, every field checked here (what the segment map would refuse one at a time), so the form
     * shows each bad cell of every row at once; whether the rows cover the grid is left to the map.
     */
    static RfmSegmentDefinition checkedRow(PageRequest r, FormErrors errors, String p, String key, Set<String> keys) {
        if (!RfmSegmentMap.validKey(key)) {
            errors.add(new InvalidInput(p + "key", "rfm.key-format"));
        } else if (!keys.add(key)) {
            errors.add(new InvalidInput(p + "key", "rfm.key-twice", key));
        }
        errors.text(r, p + "name.ja", true, RfmSegmentMap.MAX_NAME);
        errors.text(r, p + "name.en", true, RfmSegmentMap.MAX_NAME);
        Integer recencyMin = errors.intValue(r, p + "recencyMin", true, 1, 5);
        Integer recencyMax = errors.intValue(r, p + "recencyMax", true, 1, 5);
        Integer fmMin = errors.intValue(r, p + "fmMin", true, 1, 5);
        Integer fmMax = errors.intValue(r, p + "fmMax", true, 1, 5);
        if (recencyMin != null && recencyMax != null && recencyMax < recencyMin) {
            errors.add(new InvalidInput(p + "recencyMax", "rfm.max-below-min",
                    new ProblemTexts.Field("segments.recencyMin"), recencyMin));
        }
        if (fmMin != null && fmMax != null && fmMax < fmMin) {
            errors.add(new InvalidInput(p + "fmMax", "rfm.max-below-min", new ProblemTexts.Field("segments.fmMin"), fmMin));
        }
        return new RfmSegmentDefinition(key, r.localized(p + "name"), recencyMin, recencyMax, fmMin, fmMax);
    }

    /** {@code segments[1].fmMax} of the service → the form row that held its second segment. */
    static String formRow(String field, List<Integer> rowOf) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("segments\\[(\\d+)](.*)").matcher(field);
        if (!m.matches()) {
            return field;
        }
        int k = Integer.parseInt(m.group(1));
        return k < rowOf.size() ? "segments[" + rowOf.get(k) + "]" + m.group(2) : "segments";
    }

    /** The R × FM grid, recency 5 (most recent) on top, each cell labelled with its segment. */
    public static String rfmChart(SegmentQueries.RfmGrid grid, Messages t, Formats f, Locale locale) {
        Map<String, String> names = new HashMap<>();
        for (RfmSegmentDefinition d : grid.segments()) {
            names.put(d.key(), d.name().get(locale));
            names.put("rfm:" + d.key(), d.name().get(locale));
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
