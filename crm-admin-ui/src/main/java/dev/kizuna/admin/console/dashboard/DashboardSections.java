package dev.kizuna.admin.console.dashboard;

import dev.kizuna.admin.console.PageRequest;
import dev.kizuna.admin.console.segments.SegmentPages;
import dev.kizuna.admin.console.surveys.SurveyPages;
import dev.kizuna.admin.console.Messages;
import dev.kizuna.loyalty.coupon.CampaignStatistics;
import dev.kizuna.loyalty.coupon.CampaignView;
import dev.kizuna.loyalty.coupon.Campaigns;
import dev.kizuna.loyalty.points.PointsReports;
import dev.kizuna.segment.SegmentQueries;
import dev.kizuna.survey.results.NpsScore;
import dev.kizuna.survey.results.SurveyQueries;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard sections fed by the points, coupon, survey and segment services. Each is optional: a module that
 * is not installed leaves its flag false and the page says so in that section only.
 */
final class DashboardSections {
    /** Thirteen ISO weeks: the "last 90 days" NPS and its trend. */
    static final int NPS_WEEKS = 13;
    /** The points and coupon figures: the last twelve months, the current one included. */
    static final int MONTHS = 12;

    private DashboardSections() {
    }

    /** Campaigns on the coupon chart: the most recent ones. */
    static final int CAMPAIGNS_SHOWN = 10;

    static String couponChart(Campaigns campaigns, PageRequest r) {
        List<SvgCharts.Bar> bars = new ArrayList<>();
        List<CampaignView> all = campaigns.list();
        for (CampaignView c : all.subList(Math.max(0, all.size() - CAMPAIGNS_SHOWN), all.size())) {
            CampaignStatistics s = campaigns.get(c.id()).statistics();
            bars.add(new SvgCharts.Bar(c.terms().name(r.locale()), s == null ? 0 : s.redeemed()));
        }
        return SvgCharts.bars("chart-coupon-redemptions", r.messages().text("dashboard.coupons-by-campaign"), bars,
                r.formats()::number, r.messages().text("chart.no-data"));
    }

    /** Points issued, redeemed and expired per month, and the liability (available + pending) at each month end. */
    static void addPoints(PointsReports reports, PageRequest r, Map<String, Object> model) {
        Messages t = r.messages();
        List<PointsReports.MonthFigures> months = reports.monthly(MONTHS);
        List<String> labels = months.stream().map(m -> monthLabel(m.month(), r.locale())).toList();
        model.put("pointsAvailable", true);
        PointsReports.MonthFigures last = months.get(months.size() - 1);
        model.put("liability", last.available());
        model.put("liabilityPending", last.pending());
        model.put("pointsChart", SvgCharts.lines("chart-points-flow", t.text("dashboard.points"), labels, List.of(
                        new SvgCharts.Series(t.text("dashboard.issued"), months.stream().map(PointsReports.MonthFigures::issued).toList()),
                        new SvgCharts.Series(t.text("dashboard.redeemed"), months.stream().map(PointsReports.MonthFigures::redeemed).toList()),
                        new SvgCharts.Series(t.text("dashboard.expired"), months.stream().map(PointsReports.MonthFigures::expired).toList())),
                r.formats()::number, null, null, t.text("chart.no-data")));
        model.put("liabilityChart", SvgCharts.lines("chart-points-liability", t.text("dashboard.liability-trend"), labels,
                List.of(new SvgCharts.Series(t.text("dashboard.outstanding"),
                                months.stream().map(PointsReports.MonthFigures::liability).toList()),
                        new SvgCharts.Series(t.text("dashboard.liability-pending"),
                                months.stream().map(PointsReports.MonthFigures::pending).toList())),
                r.formats()::number, null, null, t.text("chart.no-data")));
    }

    static String couponMonthChart(Campaigns campaigns, PageRequest r) {
        Messages t = r.messages();
        List<Campaigns.MonthRedemptions> months = campaigns.redemptionsByMonth(MONTHS, r.ctx().zone());
        List<SvgCharts.Bar> bars = months.stream()
                .map(m -> new SvgCharts.Bar(monthLabel(m.month(), r.locale()), m.redemptions())).toList();
        return SvgCharts.bars("chart-coupon-months", t.text("dashboard.coupons-by-month"), bars, r.formats()::number,
                t.text("chart.no-data"));
    }

    static String monthLabel(YearMonth month, Locale locale) {
        return DateTimeFormatter.ofPattern("ja".equals(locale.getLanguage()) ? "yy/M" : "MMM yy", locale).format(month);
    }

    static void addFeatureSections(PageRequest r, Map<String, Object> model) {
        model.put("pointsAvailable", false);
        r.optionalPort(PointsReports.class).ifPresent(reports -> addPoints(reports, r, model));
        model.put("couponsAvailable", false);
        r.optionalPort(Campaigns.class).ifPresent(campaigns -> {
            model.put("couponsAvailable", true);
            model.put("couponMonthChart", couponMonthChart(campaigns, r));
            model.put("couponChart", couponChart(campaigns, r));
        });
        model.put("surveysAvailable", false);
        r.optionalPort(SurveyQueries.class).ifPresent(surveys -> {
            List<SurveyQueries.WeekNps> weeks = surveys.npsTrend(NPS_WEEKS);
            model.put("surveysAvailable", true);
            model.put("npsChart", SurveyPages.npsTrendChart(weeks, r.messages()));
            NpsScore total = NpsScore.of(weeks.stream().mapToLong(w -> w.nps().promoters()).sum(),
                    weeks.stream().mapToLong(w -> w.nps().passives()).sum(),
                    weeks.stream().mapToLong(w -> w.nps().detractors()).sum());
            if (total.score() != null) {
                model.put("nps", total.score());
            }
        });
        r.optionalPort(SegmentQueries.class).ifPresent(segments -> model.put("rfmChart", SegmentPages.rfmChart(
                segments.rfmGrid(), r.messages(), r.formats(), "en".equals(r.locale().getLanguage()))));
    }
}
