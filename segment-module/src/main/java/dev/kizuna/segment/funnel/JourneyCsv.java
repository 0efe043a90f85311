package dev.kizuna.segment.funnel;

import dev.kizuna.core.csv.CsvExport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The funnel and the cohorts as CSV, written by {@link CsvExport} (UTF-8 with BOM like every export). */
final class JourneyCsv {
    private JourneyCsv() {
    }

    static String funnel(FunnelReport report) {
        CsvExport out = CsvExport.withBom();
        out.row("breakdown", "group", "step", "members", "conversion", "of_registered", "median_days");
        List<FunnelReport.Group> groups = new ArrayList<>();
        groups.add(report.total());
        groups.addAll(report.groups());
        for (FunnelReport.Group g : groups) {
            String key = g == report.total() ? "total" : g.key() == null ? "" : g.key();
            for (FunnelReport.Stage s : g.stages()) {
                out.row(g == report.total() ? "total" : report.by().key(), key, s.step().name(),
                        Long.toString(s.members()), share(s.conversion()), share(s.ofRegistered()), days(s.medianDays()));
            }
        }
        return out.text();
    }

    static String retention(RetentionReport report) {
        CsvExport out = CsvExport.withBom();
        List<String> head = new ArrayList<>(List.of("cohort", "customers"));
        for (int k = 1; k <= RetentionReport.MONTHS; k++) {
            head.add("month_" + k + "_customers");
            head.add("month_" + k + "_share");
        }
        out.row(head);
        for (RetentionReport.Cohort c : report.cohorts()) {
            List<String> row = new ArrayList<>(List.of(c.month().toString(), Long.toString(c.customers())));
            for (int k = 0; k < RetentionReport.MONTHS; k++) {
                Long n = c.returning().get(k);
                row.add(n == null ? "" : Long.toString(n));
                row.add(share(c.share().get(k)));
            }
            out.row(row);
        }
        return out.text();
    }

    private static String share(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String days(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.1f", v);
    }
}
