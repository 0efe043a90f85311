package dev.kizuna.core.console;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What modules add to the merchant console and the shopper's views, as they add API routes and jobs: pages, menu
 * entries, dashboard sections, 360°-page sections, customers-list facets and shopper fragments. The console shell (crm-admin-ui) serves
 * them and knows no feature; a feature module that is not installed simply contributes nothing.
 */
public final class ConsoleContributions {
    private final ConsoleRoutes pages = new ConsoleRoutes();
    private final Navigation navigation = new Navigation();
    private final List<DashboardSection> dashboard = new CopyOnWriteArrayList<>();
    private final List<CustomerSection> customer = new CopyOnWriteArrayList<>();
    private final List<ShopperView> shopper = new CopyOnWriteArrayList<>();
    private final List<CustomerFacet> facets = new CopyOnWriteArrayList<>();

    public ConsoleRoutes pages() {
        return pages;
    }

    public Navigation navigation() {
        return navigation;
    }

    public void menu(Navigation.Item item) {
        navigation.add(item);
    }

    public void dashboardSection(DashboardSection section) {
        dashboard.add(section);
    }

    public void customerSection(CustomerSection section) {
        customer.add(section);
    }

    public void customerFacet(CustomerFacet facet) {
        facets.add(facet);
    }

    public void shopperView(ShopperView view) {
        shopper.add(view);
    }

    public List<DashboardSection> dashboardSections() {
        return dashboard.stream().sorted(Comparator.comparingInt(DashboardSection::order)).toList();
    }

    public List<CustomerSection> customerSections() {
        return customer.stream().sorted(Comparator.comparingInt(CustomerSection::order)).toList();
    }

    public List<CustomerFacet> customerFacets() {
        return facets.stream().sorted(Comparator.comparingInt(CustomerFacet::order)).toList();
    }

    public List<ShopperView> shopperViews() {
        return shopper.stream().sorted(Comparator.comparingInt(ShopperView::order)).toList();
    }
}
