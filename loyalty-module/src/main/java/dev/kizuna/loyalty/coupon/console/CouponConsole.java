package dev.kizuna.loyalty.coupon.console;

import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.CustomerPage;
import dev.kizuna.core.console.CustomerSection;
import dev.kizuna.core.console.DashboardSection;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.Navigation;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.Panel;
import dev.kizuna.core.console.ShopperRequest;
import dev.kizuna.core.console.ShopperView;
import dev.kizuna.core.console.SvgCharts;
import dev.kizuna.loyalty.coupon.CampaignStatistics;
import dev.kizuna.loyalty.coupon.CampaignView;
import dev.kizuna.loyalty.coupon.Campaigns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The coupons feature in the console: campaigns, code batches and the birthday coupon's pages, redemptions on the
 * dashboard, the customer's coupons on the 360° page, and the shopper's "My coupons".
 */
public final class CouponConsole {
    /** The coupon figures on the dashboard: the last twelve months, the current one included. */
    static final int MONTHS = 12;
    /** Campaigns on the coupon chart: the most recent ones. */
    static final int CAMPAIGNS_SHOWN = 10;

    private CouponConsole() {
    }

    public static void register(ConsoleContributions console, Campaigns campaigns) {
        new CouponPages().register(console.pages());
        console.menu(new Navigation.Item("coupons", "nav.coupons", "/coupons", ConsoleRoutes.CONFIGURE, 120));
        console.menu(new Navigation.Item("birthday", "nav.birthday", "/coupons/birthday", ConsoleRoutes.CONFIGURE, 130));
        console.dashboardSection(new Dashboard(campaigns));
        console.customerSection(new Customer(campaigns));
        console.shopperView(new MyCoupons(campaigns));
    }

    record Dashboard(Campaigns campaigns) implements DashboardSection {
        @Override
        public String id() {
            return "coupons";
        }

        @Override
        public int order() {
            return 300;
        }

        @Override
        public Panel render(PageRequest r) {
            Map<String, Object> model = new HashMap<>();
            model.put("couponMonthChart", monthChart(r));
            model.put("couponChart", campaignChart(r));
            return Panel.of(r.fragment("coupons/dashboard.ftlh", model));
        }

        private String campaignChart(PageRequest r) {
            List<SvgCharts.Bar> bars = new ArrayList<>();
            List<CampaignView> all = campaigns.list();
            for (CampaignView c : all.subList(Math.max(0, all.size() - CAMPAIGNS_SHOWN), all.size())) {
                CampaignStatistics s = campaigns.get(c.id()).statistics();
                bars.add(new SvgCharts.Bar(c.terms().name(r.locale()), s == null ? 0 : s.redeemed()));
            }
            return SvgCharts.bars("chart-coupon-redemptions", r.messages().text("dashboard.coupons-by-campaign"), bars,
                    r.formats()::number, r.messages().text("chart.no-data"));
        }

        private String monthChart(PageRequest r) {
            Messages t = r.messages();
            List<Campaigns.MonthRedemptions> months = campaigns.redemptionsByMonth(MONTHS, r.ctx().zone());
            List<SvgCharts.Bar> bars = months.stream()
                    .map(m -> new SvgCharts.Bar(r.formats().month(m.month()), m.redemptions())).toList();
            return SvgCharts.bars("chart-coupon-months", t.text("dashboard.coupons-by-month"), bars, r.formats()::number,
                    t.text("chart.no-data"));
        }
    }

    record Customer(Campaigns campaigns) implements CustomerSection {
        @Override
        public String id() {
            return "coupons";
        }

        @Override
        public int order() {
            return 300;
        }

        @Override
        public Panel render(CustomerPage c) {
            return Panel.of(c.fragment("coupons/customer-section.ftlh",
                    Map.of("coupons", campaigns.coupons(c.customerRef(), c.request().locale()))));
        }
    }

    /** The coupons the shopper can still use (expired and used ones stay in the history only briefly). */
    record MyCoupons(Campaigns campaigns) implements ShopperView {
        @Override
        public String id() {
            return "my-coupons";
        }

        @Override
        public int order() {
            return 300;
        }

        @Override
        public String render(ShopperRequest s) {
            Map<String, Object> model = new HashMap<>();
            model.put("coupons", campaigns.coupons(s.customerRef(), s.messages().locale()).stream()
                    .filter(c -> c.state().held()).toList());
            return s.render("my-coupons.ftlh", model);
        }
    }
}
