package dev.kizuna.segment.funnel.console;

import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.SvgCharts;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.InputDates;
import dev.kizuna.core.ports.RankLadder;
import dev.kizuna.segment.funnel.FunnelBreakdown;
import dev.kizuna.segment.funnel.FunnelReport;
import dev.kizuna.segment.funnel.JourneyStep;
import dev.kizuna.segment.funnel.Journeys;
import dev.kizuna.segment.funnel.RegularDefinition;
import dev.kizuna.segment.funnel.RetentionReport;
import dev.kizuna.segment.rfm.RfmDefinitions;
import dev.kizuna.segment.rfm.RfmSegmentDefinition;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The journey page: the funnel as bars with each step's conversion, its figures by the chosen breakdown, and the
 * retention of the first-order cohorts as lines and a table; and the form that says who counts as a regular.
 */
public final class JourneyConsole {
    /** Cohorts drawn as lines (the table below holds them all): more lines would not be told apart. */
    static final int CHART_COHORTS = 6;

    private JourneyConsole() {
    }

    public static void register(ConsoleContributions console, Journeys journeys) {
        ConsoleRoutes routes = console.pages();
        routes.get("/journey", ConsoleRoutes.CONFIGURE, r -> page(r, journeys));
        routes.get("/journey/funnel.csv", ConsoleRoutes.CONFIGURE, r -> {
            Filter f = Filter.of(r);
            FunnelReport report = journeys.funnel(f.by, f.from, f.to);
            return download("funnel-" + f.by.key() + ".csv", journeys.funnelCsv(report));
        });
        routes.get("/journey/retention.csv", ConsoleRoutes.CONFIGURE, r -> {
            Filter f = Filter.of(r);
            return download("retention.csv", journeys.retentionCsv(journeys.retention(
                    f.from == null ? null : YearMonth.from(f.from), f.to == null ? null : YearMonth.from(f.to))));
        });
        routes.get("/journey/regular", ConsoleRoutes.CONFIGURE, r -> regularForm(r, journeys, null, new FormErrors(r.messages()), 200));
        routes.post("/journey/regular", ConsoleRoutes.CONFIGURE, r -> saveRegular(r, journeys));
    }

    /** The page's filter as given; a date that does not parse falls back to the default window and says so. */
    record Filter(FunnelBreakdown by, LocalDate from, LocalDate to, List<String> problems) {
        static Filter of(PageRequest r) {
            List<String> problems = new ArrayList<>();
            FunnelBreakdown by = FunnelBreakdown.MONTH;
            try {
                by = FunnelBreakdown.parse(r.param("by").orElse(null), "by");
            } catch (InvalidInput e) {
                problems.add(e.detail(r.locale()));
            }
            LocalDate from = day(r, "from", problems);
            LocalDate to = day(r, "to", problems);
            if (from != null && to != null && to.isBefore(from)) {
                problems.add(new InvalidInput("to", "not-before", r.formats().date(from)).detail(r.locale()));
                from = null;
                to = null;
            }
            return new Filter(by, from, to, problems);
        }

        private static LocalDate day(PageRequest r, String name, List<String> problems) {
            LocalDate day;
            try {
                day = r.param(name).map(v -> LocalDate.parse(v.strip())).orElse(null);
            } catch (DateTimeParseException e) {
                problems.add(new InvalidInput(name, "invalid-date").detail(r.locale()));
                return null;
            }
            if (day != null && !InputDates.sane(day.getYear())) {
                problems.add(new InvalidInput(name, "year-out-of-range", InputDates.MIN_YEAR_TEXT,
                        InputDates.MAX_YEAR_TEXT).detail(r.locale()));
                return null;
            }
            return day;
        }
    }

    private static PageResult page(PageRequest r, Journeys journeys) {
        Filter f = Filter.of(r);
        Messages t = r.messages();
        Formats fmt = r.formats();
        Journeys.Overview overview = journeys.overview(f.by, f.from, f.to);
        FunnelReport funnel = overview.funnel();
        RetentionReport retention = overview.retention();
        Map<String, Object> model = new HashMap<>();
        model.put("problems", f.problems);
        model.put("by", f.by.key());
        model.put("from", funnel.from().toString());
        model.put("to", funnel.to().toString());
        model.put("period", t.text("journey.period", fmt.date(funnel.from()), fmt.date(funnel.to())));
        model.put("breakdowns", Arrays.stream(FunnelBreakdown.values())
                .map(b -> List.of(b.key(), t.text("journey.by." + b.key()))).toList());
        model.put("query", "by=" + f.by.key() + "&from=" + funnel.from() + "&to=" + funnel.to());
        model.put("funnelChart", funnelChart(funnel.total(), t, fmt));
        model.put("steps", Arrays.stream(JourneyStep.values()).map(s -> t.text("journey.step." + s.name())).toList());
        model.put("total", row(funnel.total(), t.text("journey.all-members"), t, fmt));
        model.put("groups", funnel.groups().stream().map(g -> row(g, groupName(funnel.by(), g.key(), r), t, fmt)).toList());
        model.put("regular", regularText(funnel.regular(), r));
        model.put("retentionChart", retentionChart(retention, t, fmt));
        model.put("months", java.util.stream.IntStream.rangeClosed(1, RetentionReport.MONTHS).boxed().toList());
        model.put("cohorts", retention.cohorts().stream().map(c -> Map.of(
                "month", fmt.month(c.month()), "key", c.month().toString(), "customers", fmt.number(c.customers()),
                "shares", c.share().stream().map(s -> s == null ? "" : share(s, r.locale())).toList())).toList());
        return PageResult.view("journey/journey.ftlh", model);
    }

    /** The overall funnel as bars, each step's label carrying its conversion from the step before. */
    static String funnelChart(FunnelReport.Group total, Messages t, Formats fmt) {
        List<SvgCharts.Bar> bars = new ArrayList<>();
        for (FunnelReport.Stage s : total.stages()) {
            String label = t.text("journey.short." + s.step().name());
            if (s.conversion() != null) {
                label = label + " · " + share(s.conversion(), fmt.locale());
            }
            bars.add(new SvgCharts.Bar(label, s.members()));
        }
        return SvgCharts.bars("chart-funnel", t.text("journey.funnel"), bars, fmt::number, t.text("chart.no-data"));
    }

    /** The newest cohorts' retention as lines over months 1…12, in basis points shown as percentages. */
    static String retentionChart(RetentionReport retention, Messages t, Formats fmt) {
        List<RetentionReport.Cohort> cohorts = retention.cohorts();
        List<RetentionReport.Cohort> drawn = cohorts.subList(Math.max(0, cohorts.size() - CHART_COHORTS), cohorts.size());
        List<String> months = new ArrayList<>();
        for (int k = 1; k <= RetentionReport.MONTHS; k++) {
            months.add(t.text("journey.month-n", k));
        }
        List<SvgCharts.Series> series = drawn.stream().map(c -> new SvgCharts.Series(fmt.month(c.month()),
                c.share().stream().map(s -> s == null ? null : Math.round(s * 10_000)).toList())).toList();
        return SvgCharts.lines("chart-retention", t.text("journey.retention"), months, series,
                v -> String.format(fmt.locale(), "%.1f%%", v / 100.0), 0L, null, t.text("chart.no-data"));
    }

    /** One row of the funnel table: the group's name, and per step its count, conversion and median days. */
    static Map<String, Object> row(FunnelReport.Group g, String name, Messages t, Formats fmt) {
        List<Map<String, String>> cells = new ArrayList<>();
        for (FunnelReport.Stage s : g.stages()) {
            Map<String, String> cell = new HashMap<>();
            cell.put("members", fmt.number(s.members()));
            cell.put("conversion", s.conversion() == null ? "" : share(s.conversion(), fmt.locale()));
            cell.put("days", s.medianDays() == null ? "" : t.text("journey.median-days",
                    String.format(fmt.locale(), "%.1f", s.medianDays())));
            cells.add(cell);
        }
        return Map.of("name", name, "key", g.key() == null ? "none" : g.key(), "cells", cells);
    }

    static String groupName(FunnelBreakdown by, String key, PageRequest r) {
        Messages t = r.messages();
        if (key == null) {
            return t.text("journey.no-order");
        }
        return switch (by) {
            case MONTH -> r.formats().month(YearMonth.parse(key));
            case CHANNEL -> t.has("journey.channel." + key) ? t.text("journey.channel." + key) : key;
            case CATEGORY -> key.isEmpty() ? t.text("journey.no-category")
                    : r.optionalPort(Catalog.class).map(c -> c.categoryName(key, r.locale())).orElse(key);
        };
    }

    static String share(double s, Locale locale) {
        return String.format(locale, "%.1f%%", s * 100);
    }

    /** "Champions, Loyal or rank Gold and above", with names, not keys. */
    static String regularText(RegularDefinition d, PageRequest r) {
        Messages t = r.messages();
        Map<String, String> names = segmentNames(r);
        List<String> parts = new ArrayList<>();
        d.rfmSegments().forEach(k -> parts.add(names.getOrDefault(k, k)));
        if (d.rankAtLeast() != null) {
            parts.add(t.text("journey.rank-at-least", rankName(r, d.rankAtLeast())));
        }
        return parts.isEmpty() ? t.text("journey.regular-nobody") : String.join(t.text("journey.or"), parts);
    }

    private static Map<String, String> segmentNames(PageRequest r) {
        Map<String, String> names = new HashMap<>();
        r.optionalPort(RfmDefinitions.class).ifPresent(d -> d.current().segments()
                .forEach(s -> names.put(s.key(), s.name().get(r.locale()))));
        return names;
    }

    private static String rankName(PageRequest r, String code) {
        return r.optionalPort(RankLadder.class).flatMap(l -> l.ranks().stream().filter(k -> k.code().equals(code))
                .findFirst()).map(k -> k.name(r.locale())).orElse(code);
    }

    private static PageResult regularForm(PageRequest r, Journeys journeys, RegularDefinition typed, FormErrors errors,
                                          int status) {
        RegularDefinition d = typed != null ? typed : journeys.regular();
        Map<String, Object> model = new HashMap<>();
        List<List<String>> segments = new ArrayList<>();
        r.optionalPort(RfmDefinitions.class).ifPresent(defs -> {
            for (RfmSegmentDefinition s : defs.current().segments()) {
                segments.add(List.of(s.key(), s.name().get(r.locale())));
            }
        });
        model.put("segmentChoices", segments);
        model.put("chosenSegments", d.rfmSegments());
        List<List<String>> ranks = new ArrayList<>();
        ranks.add(List.of("", r.messages().text("journey.no-rank-condition")));
        r.optionalPort(RankLadder.class).ifPresent(l -> l.ranks().forEach(k -> ranks.add(List.of(k.code(),
                r.messages().text("journey.rank-or-above", k.name(r.locale()))))));
        model.put("rankChoices", ranks);
        model.put("hasRanks", ranks.size() > 1);
        model.put("values", Map.of("rankAtLeast", d.rankAtLeast() == null ? "" : d.rankAtLeast()));
        model.put("errors", errors.asMap());
        return PageResult.view("journey/regular.ftlh", model, status);
    }

    private static PageResult saveRegular(PageRequest r, Journeys journeys) {
        RegularDefinition d = new RegularDefinition(Arrays.asList(r.params("rfmSegments")),
                r.param("rankAtLeast").orElse(null));
        try {
            journeys.saveRegular(d, r.actor());
        } catch (InvalidInput e) {
            return regularForm(r, journeys, d, new FormErrors(r.messages()).add(e), 400);
        }
        r.flashKey("success", "journey.regular-saved");
        return PageResult.redirect("/journey");
    }

    private static PageResult download(String name, String csv) {
        return new PageResult.Download(name, "text/csv; charset=UTF-8", csv.getBytes(StandardCharsets.UTF_8));
    }
}
