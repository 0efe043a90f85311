package dev.kizuna.loyalty.points.console;

import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.CustomerPage;
import dev.kizuna.core.console.CustomerSection;
import dev.kizuna.core.console.DashboardSection;
import dev.kizuna.core.console.Figure;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.Navigation;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.Panel;
import dev.kizuna.core.console.ShopperRequest;
import dev.kizuna.core.console.ShopperView;
import dev.kizuna.core.console.SvgCharts;
import dev.kizuna.core.web.Role;
import dev.kizuna.loyalty.points.PointsQueries;
import dev.kizuna.loyalty.points.PointsReports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The points feature in the console: the rules and campaigns pages, the manual adjustment on the 360° page, the
 * dashboard's points flow and liability, the customer's balances and ledger, and the shopper's "My points".
 */
public final class PointsConsole {
    /** The points figures on the dashboard: the last twelve months, the current one included. */
    static final int MONTHS = 12;
    public static final int LEDGER_PAGE_SIZE = 20;
    /** Ledger entries "My points" shows; the shop links to a longer history if it has one. */
    static final int HISTORY_SHOWN = 10;

    private PointsConsole() {
    }

    public static void register(ConsoleContributions console, PointsQueries queries, PointsReports reports) {
        new PointsPages().register(console.pages());
        new BudgetPages().register(console.pages());
        console.menu(new Navigation.Item("points", "nav.points", "/points", ConsoleRoutes.CONFIGURE, 100));
        console.menu(new Navigation.Item("points-budgets", "nav.points-budgets", "/points/budgets", ConsoleRoutes.CONFIGURE, 101));
        console.dashboardSection(new Dashboard(reports));
        console.customerSection(new Customer(queries));
        console.customerFacet(new PointsFacet());
        console.shopperView(new MyPoints(queries));
    }

    /** Points issued, redeemed and expired per month, and the liability (available + pending) at each month end. */
    record Dashboard(PointsReports reports) implements DashboardSection {
        @Override
        public String id() {
            return "points";
        }

        @Override
        public int order() {
            return 200;
        }

        @Override
        public Panel render(PageRequest r) {
            Messages t = r.messages();
            List<PointsReports.MonthFigures> months = reports.monthly(MONTHS);
            PointsReports.MonthFigures last = months.get(months.size() - 1);
            List<Figure> figures = List.of(
                    Figure.of("liability", t.text("dashboard.liability"), r.formats().number(last.available())),
                    Figure.of("liability-pending", t.text("dashboard.liability-pending"), r.formats().number(last.pending())));
            List<String> labels = months.stream().map(m -> r.formats().month(m.month())).toList();
            Map<String, Object> model = new HashMap<>();
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
            return new Panel(figures, r.fragment("points/dashboard.ftlh", model));
        }
    }

    /** The customer's balances, next expiries and ledger, paged, with the manual adjustment for admins and support. */
    record Customer(PointsQueries queries) implements CustomerSection {
        @Override
        public String id() {
            return "points";
        }

        @Override
        public int order() {
            return 100;
        }

        @Override
        public Panel render(CustomerPage c) {
            PageRequest r = c.request();
            int page = r.intParam("ledgerPage", 1, 1, 100_000);
            Optional<PointsQueries.PointsView> view = queries.points(c.customerRef(), r.locale(), LEDGER_PAGE_SIZE,
                    (page - 1) * LEDGER_PAGE_SIZE, false);
            Map<String, Object> model = new HashMap<>();
            view.ifPresent(v -> {
                model.put("points", v);
                model.put("ledgerPage", page);
                model.put("ledgerHasMore", (long) page * LEDGER_PAGE_SIZE < v.totalEntries());
            });
            List<Figure> figures = view.map(v -> List.of(
                    Figure.of("points-available", r.messages().text("customer.points-available"), r.formats().number(v.available())),
                    Figure.of("points-pending", r.messages().text("customer.points-pending"), r.formats().number(v.pending())),
                    new Figure("points-debt", r.messages().text("customer.points-debt"), r.formats().number(v.debt()), v.debt() > 0)))
                    .orElse(List.of());
            model.put("mayAdjust", r.hasRole(Role.ADMIN, Role.SUPPORT));
            return new Panel(figures, c.fragment("points/customer-section.ftlh", model));
        }
    }

    /** Balance, pending points, upcoming expiries and history. */
    record MyPoints(PointsQueries queries) implements ShopperView {
        @Override
        public String id() {
            return "my-points";
        }

        @Override
        public int order() {
            return 100;
        }

        @Override
        public String render(ShopperRequest s) {
            return queries.points(s.customerRef(), s.messages().locale(), HISTORY_SHOWN, 0, false)
                    .map(v -> {
                        Map<String, Object> model = new HashMap<>();
                        model.put("points", v.forShopper());
                        return s.render("my-points.ftlh", model);
                    }).orElse("");
        }
    }
}
