package dev.kizuna.messaging.console;

import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.SvgCharts;
import dev.kizuna.messaging.report.CampaignReport;
import dev.kizuna.messaging.report.Reports;
import dev.kizuna.messaging.report.Uplift;

import java.util.List;
import java.util.Locale;

/**
 * A campaign's report as the console shows it: charts of the messages by outcome, of the conversion rate and of the
 * revenue per customer, messaged against holdout, each with its numbers beside it (the charts' tables), the uplifts
 * with their 95 % intervals in words, and the coupon cost: codes issued, used, and the discount given.
 *
 * @param conversionUplift e.g. "+2.0 pt (95 %: −1.1 … +5.1 pt)", or the words for "no holdout to compare with"
 */
public record ReportView(CampaignReport report, Reports.CouponCost coupons, String outcomeChart, String conversionChart,
                  String revenueChart, String conversionUplift, String revenueUplift, boolean significant,
                  String messagedRate, String holdoutRate, String messagedRevenue, String holdoutRevenue) {

    static ReportView of(PageRequest r, String id, CampaignReport c, Reports.CouponCost coupons) {
        Messages t = r.messages();
        Formats f = r.formats();
        String noData = t.text("chart.no-data");
        String outcomes = SvgCharts.bars("chart-" + id + "-outcomes", t.text("messaging.report.outcomes"), List.of(
                new SvgCharts.Bar(t.text("messaging.sent"), c.sent()),
                new SvgCharts.Bar(t.text("messaging.delivered"), c.delivered()),
                new SvgCharts.Bar(t.text("messaging.clicked"), c.clicked()),
                new SvgCharts.Bar(t.text("messaging.unsubscribed"), c.unsubscribed()),
                new SvgCharts.Bar(t.text("messaging.held-out"), c.heldOut()),
                new SvgCharts.Bar(t.text("messaging.capped"), c.capped())), f::number, noData);
        Uplift conv = c.conversionUplift();
        Uplift rev = c.revenueUplift();
        // rates in hundredths of a percent, so the bars keep the first decimal of a percentage
        String conversions = SvgCharts.bars("chart-" + id + "-conversions",
                t.text("messaging.report.conversion-rate", c.conversionDays()), List.of(
                        new SvgCharts.Bar(t.text("messaging.report.messaged"), Math.round(conv.messaged() * 10_000)),
                        new SvgCharts.Bar(t.text("messaging.report.holdout"), Math.round(conv.holdout() * 10_000))),
                v -> percent(v / 100.0), noData);
        String revenue = SvgCharts.bars("chart-" + id + "-revenue",
                t.text("messaging.report.revenue-per-customer", c.conversionDays()), List.of(
                        new SvgCharts.Bar(t.text("messaging.report.messaged"), Math.round(rev.messaged())),
                        new SvgCharts.Bar(t.text("messaging.report.holdout"), Math.round(rev.holdout()))),
                f::money, noData);
        String convWords = conv.low() == null ? t.text("messaging.no-holdout")
                : t.text("messaging.report.uplift-points", points(conv.difference()), points(conv.low()), points(conv.high()));
        String revWords = rev.low() == null ? t.text("messaging.no-holdout")
                : t.text("messaging.report.uplift-money", signedMoney(f, rev.difference()), signedMoney(f, rev.low()),
                signedMoney(f, rev.high()));
        return new ReportView(c, coupons, outcomes, conversions, revenue, convWords, revWords,
                conv.significant(), percent(conv.messaged() * 100), percent(conv.holdout() * 100),
                f.money(Math.round(rev.messaged())), f.money(Math.round(rev.holdout())));
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f %%", p);
    }

    /** A difference of rates in percentage points, signed. */
    private static String points(double d) {
        return String.format(Locale.ROOT, "%+.1f", d * 100).replace('-', '−');
    }

    private static String signedMoney(Formats f, double v) {
        long minor = Math.round(v);
        return (minor > 0 ? "+" : minor < 0 ? "−" : "") + f.money(Math.abs(minor));
    }
}
