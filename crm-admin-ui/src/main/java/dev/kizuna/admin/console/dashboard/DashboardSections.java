package dev.kizuna.admin.console.dashboard;

import dev.kizuna.admin.console.PageRequest;
import dev.kizuna.admin.console.segments.SegmentPages;
import dev.kizuna.admin.console.surveys.SurveyPages;
import dev.kizuna.core.spi.CouponCheckout;
import dev.kizuna.loyalty.coupon.CampaignStore;
import dev.kizuna.loyalty.coupon.Campaigns;
import dev.kizuna.loyalty.points.PointsQueries;
import dev.kizuna.segment.SegmentQueries;
import dev.kizuna.survey.results.NpsScore;
import dev.kizuna.survey.results.SurveyQueries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard sections fed by the points, coupon, survey and segment services. Each is optional: a module that
 * is not installed leaves its flag false and the page says so in that section only.
 */
final class DashboardSections {
    /** Thirteen ISO weeks: the "last 90 days" NPS and its trend. */
    static final int NPS_WEEKS = 13;

    private DashboardSections() {
    }

    /** Campaigns on the coupon chart: the most recent ones. */
    static final int CAMPAIGNS_SHOWN = 10;

    static String couponChart(Campaigns campaigns, PageRequest r) {
        boolean en = "en".equals(r.locale().getLanguage());
        List<SvgCharts.Bar> bars = new ArrayList<>();
        List<Map<String, Object>> all = campaigns.list();
        for (Map<String, Object> c : all.subList(Math.max(0, all.size() - CAMPAIGNS_SHOWN), all.size())) {
            Map<String, Object> detail = campaigns.get(((Number) c.get("id")).longValue());
            long redeemed = detail.get("statistics") instanceof CampaignStore.Statistics s ? s.redeemed() : 0;
            String name = c.get("name") instanceof Map<?, ?> names ? String.valueOf(names.get(en ? "en" : "ja")) : "#" + c.get("id");
            bars.add(new SvgCharts.Bar(name, redeemed));
        }
        return SvgCharts.bars("chart-coupon-redemptions", r.messages().text("dashboard.coupons-by-campaign"), bars,
                r.formats()::number, r.messages().text("chart.no-data"));
    }

    static void addFeatureSections(PageRequest r, Map<String, Object> model) {
        model.put("pointsAvailable", false);
        // the points service has no issued/redeemed/expired or liability figures over time yet
        r.optionalPort(PointsQueries.class).ifPresent(p -> model.put("pointsMissingKey", "dashboard.no-report"));
        model.put("couponsAvailable", false);
        // nor has the coupon service redemption figures over time: the dashboard shows them per campaign
        r.optionalPort(CouponCheckout.class).ifPresent(c -> model.put("couponsMissingKey", "dashboard.no-report"));
        r.optionalPort(Campaigns.class).ifPresent(campaigns -> {
            model.put("couponsAvailable", true);
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
