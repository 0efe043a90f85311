package dev.kizuna.admin.console.dashboard;

import dev.kizuna.admin.console.PageRequest;

import java.util.Map;

/** The dashboard sections fed by the points, coupon and survey services (each optional). */
final class DashboardSections {
    private DashboardSections() {
    }

    static void addFeatureSections(PageRequest r, Map<String, Object> model) {
        model.put("pointsAvailable", false);
        model.put("couponsAvailable", false);
        model.put("surveysAvailable", false);
    }
}
