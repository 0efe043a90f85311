package dev.kizuna.admin.console.customers;

import dev.kizuna.core.KizunaRuntime;

import java.util.Locale;
import java.util.Map;

/** The 360° page's sections from the points, coupon, survey and segment services. */
final class CustomerSections {
    private CustomerSections() {
    }

    static void add(KizunaRuntime runtime, String customerRef, Locale locale, boolean masked, int ledgerPage,
                    Map<String, Object> model) {
        model.put("pointsInstalled", false);
        model.put("couponsInstalled", false);
        model.put("surveysInstalled", false);
        model.put("segmentsInstalled", false);
    }
}
