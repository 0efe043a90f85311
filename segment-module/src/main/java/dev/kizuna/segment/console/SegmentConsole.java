package dev.kizuna.segment.console;

import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.CustomerPage;
import dev.kizuna.core.console.CustomerSection;
import dev.kizuna.core.console.DashboardSection;
import dev.kizuna.core.console.Figure;
import dev.kizuna.core.console.Navigation;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.Panel;
import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.segment.SegmentQueries;
import dev.kizuna.segment.Segments;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Segments in the console: the RFM grid, segment members and definitions pages, the RFM grid on the dashboard,
 * and the customer's RFM scores, segments and predicted value on the 360° page.
 */
public final class SegmentConsole {

    private SegmentConsole() {
    }

    public static void register(ConsoleContributions console, SegmentQueries segments, Segments directory,
                                Catalog catalog, Database db, Clock clock) {
        new SegmentPages().register(console.pages());
        console.menu(new Navigation.Item("segments", "nav.segments", "/segments", ConsoleRoutes.CONFIGURE, 300));
        console.dashboardSection(new Dashboard(segments));
        console.customerSection(new Customer(segments));
        SegmentFacets.of(segments, directory, catalog, db, clock).forEach(console::customerFacet);
    }

    record Dashboard(SegmentQueries segments) implements DashboardSection {
        @Override
        public String id() {
            return "rfm";
        }

        @Override
        public int order() {
            return 500;
        }

        @Override
        public Panel render(PageRequest r) {
            return Panel.of(r.fragment("segments/dashboard.ftlh", Map.of("rfmChart", SegmentPages.rfmChart(segments.rfmGrid(),
                    r.messages(), r.formats(), r.locale()))));
        }
    }

    record Customer(SegmentQueries segments) implements CustomerSection {
        @Override
        public String id() {
            return "segment";
        }

        @Override
        public int order() {
            return 400;
        }

        @Override
        public Panel render(CustomerPage c) {
            Optional<SegmentQueries.CustomerSegments> found = segments.customer(c.customerRef());
            Map<String, Object> model = new HashMap<>();
            found.ifPresent(s -> model.put("segments", s));
            if (found.filter(s -> !s.history().isEmpty()).isPresent()) {
                model.put("segmentNames", SegmentPages.segmentNames(segments.rfmDefinitions(), c.request().locale()));
            }
            List<Figure> figures = found.filter(s -> s.ltv() != null)
                    .map(s -> List.of(Figure.of("customer-ltv", c.request().messages().text("customer.predicted-ltv"),
                            c.request().formats().money(s.ltv().predictedValue())))).orElse(List.of());
            return new Panel(figures, c.fragment("segments/customer-section.ftlh", model));
        }
    }
}
