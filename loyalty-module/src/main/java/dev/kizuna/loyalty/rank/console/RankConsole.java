package dev.kizuna.loyalty.rank.console;

import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.CustomerPage;
import dev.kizuna.core.console.CustomerSection;
import dev.kizuna.core.console.DashboardSection;
import dev.kizuna.core.console.Figure;
import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.console.Navigation;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.Panel;
import dev.kizuna.core.console.ShopperRequest;
import dev.kizuna.core.console.ShopperView;
import dev.kizuna.core.console.SvgCharts;
import dev.kizuna.loyalty.rank.MemberSales;
import dev.kizuna.loyalty.rank.RankQueries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ranks feature in the console: the rank programme's pages, members by rank on the dashboard, the customer's
 * rank with its history on the 360° page, and the shopper's "My rank" with a progress bar per criterion of the
 * next rank.
 */
public final class RankConsole {

    private RankConsole() {
    }

    public static void register(ConsoleContributions console, RankQueries ranks, MemberSales sales) {
        new RankPages().register(console.pages());
        console.menu(new Navigation.Item("ranks", "nav.ranks", "/ranks", ConsoleRoutes.CONFIGURE, 110));
        console.dashboardSection(new Dashboard(ranks));
        console.customerSection(new Customer(ranks));
        console.customerFacet(new RankFacet(ranks));
        console.shopperView(new MyRank(ranks));
        console.shopperView(new MySales(sales));
    }

    /** The member sales open to the shopper now or later, early openings for their rank marked. */
    record MySales(MemberSales sales) implements ShopperView {
        @Override
        public String id() {
            return "member-sales";
        }

        @Override
        public int order() {
            return 210;
        }

        @Override
        public String render(ShopperRequest s) {
            List<MemberSales.Announced> announced = sales.announced(s.customerRef(), s.messages().locale());
            return announced.isEmpty() ? "" : s.render("member-sales.ftlh", Map.of("sales", announced));
        }
    }

    record Dashboard(RankQueries ranks) implements DashboardSection {
        @Override
        public String id() {
            return "ranks";
        }

        @Override
        public int order() {
            return 100;
        }

        @Override
        public Panel render(PageRequest r) {
            List<SvgCharts.Bar> bars = new ArrayList<>();
            for (RankQueries.RankCount c : ranks.membersByRank()) {
                bars.add(new SvgCharts.Bar("en".equals(r.locale().getLanguage()) ? c.name().en() : c.name().ja(), c.members()));
            }
            String chart = SvgCharts.bars("chart-members-by-rank", r.messages().text("dashboard.members-by-rank"), bars,
                    r.formats()::number, r.messages().text("chart.no-data"));
            return Panel.of(r.fragment("ranks/dashboard.ftlh", Map.of("rankChart", chart)));
        }
    }

    record Customer(RankQueries ranks) implements CustomerSection {
        @Override
        public String id() {
            return "rank";
        }

        @Override
        public int order() {
            return 50;
        }

        @Override
        public Panel render(CustomerPage c) {
            Optional<RankQueries.RankStatus> status = ranks.status(c.customerRef(), c.request().locale(), false);
            Map<String, Object> model = new HashMap<>();
            status.ifPresent(s -> model.put("rank", s));
            return new Panel(List.of(Figure.of("customer-rank", c.request().messages().text("customer.rank"),
                    status.map(s -> s.rank().name()).orElse(""))), c.fragment("ranks/customer-section.ftlh", model));
        }
    }

    /** The rank, its benefits and the way to the next rank. */
    record MyRank(RankQueries ranks) implements ShopperView {
        @Override
        public String id() {
            return "my-rank";
        }

        @Override
        public int order() {
            return 200;
        }

        @Override
        public String render(ShopperRequest s) {
            return ranks.status(s.customerRef(), s.messages().locale(), false).map(status -> {
                Map<String, Object> model = new HashMap<>();
                model.put("status", status);
                model.put("steps", status.next() == null ? List.of()
                        : steps(status.progress(), status.next().requires(), s.formats(), s.messages()));
                return s.render("my-rank.ftlh", model);
            }).orElse("");
        }
    }

    /** One bar per criterion of the next rank: how far the shopper is, in percent, and the figures. */
    public record Step(String label, long done, long required, int percent, String doneText, String requiredText) {
    }

    static List<Step> steps(RankQueries.Progress p, RankQueries.ThresholdsView requires, Formats f, Messages t) {
        List<Step> steps = new ArrayList<>();
        if (requires.points() != null) {
            steps.add(step(t.text("shopper.rank.points"), p.points(), requires.points(), f.number(p.points()),
                    f.number(requires.points())));
        }
        if (requires.orders() != null) {
            steps.add(step(t.text("shopper.rank.orders"), p.orders(), requires.orders(), f.number(p.orders()),
                    f.number(requires.orders())));
        }
        if (requires.spend() != null) {
            steps.add(step(t.text("shopper.rank.spend"), p.spend(), requires.spend(), f.money(p.spend()),
                    f.money(requires.spend())));
        }
        return steps;
    }

    static Step step(String label, long done, long required, String doneText, String requiredText) {
        int percent = required <= 0 ? 100 : (int) Math.min(100, Math.max(0, done * 100 / required));
        return new Step(label, Math.min(done, required), required, percent, doneText, requiredText);
    }
}
