package dev.kizuna.admin.console.customers;

import dev.kizuna.core.console.CustomerPage;
import dev.kizuna.core.console.CustomerSection;
import dev.kizuna.core.console.Figure;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.Panel;
import dev.kizuna.core.console.PiiMask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the 360° page shows about one customer: the profile and orders from the core mirror, and each
 * installed feature's section (points, rank, coupons, segments, answers), contributed through
 * {@code ctx.console().customerSection(…)}. Masking for the support role happens here and in each section, before
 * anything reaches a template.
 */
final class Customer360 {

    private Customer360() {
    }

    /** The page model, or empty when Kizuna knows no such customer. */
    static Optional<Map<String, Object>> model(PageRequest r, String customerRef, boolean masked, FormErrors errors) {
        CustomerProfiles profiles = new CustomerProfiles(r.ctx().members());
        String currency = r.ctx().host().shopCurrency().getCurrencyCode();
        Map<String, Object> model = new HashMap<>();
        Optional<CustomerProfiles.Profile> found = r.ctx().database().inTransaction(tx -> {
            Optional<CustomerProfiles.Profile> p = profiles.profile(tx, customerRef);
            p.ifPresent(profile -> model.put("orders", profiles.orders(tx, profile.memberId(), currency)));
            return p;
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CustomerProfiles.Profile profile = masked ? mask(found.get()) : found.get();
        model.put("profile", profile);
        model.put("masked", masked);
        model.put("ref", customerRef);
        CustomerProfiles.OrdersSummary orders = (CustomerProfiles.OrdersSummary) model.get("orders");
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of("customer-orders", r.messages().text("customer.orders"), r.formats().number(orders.orders())));
        figures.add(Figure.of("customer-spend", r.messages().text("customer.spend"), r.formats().money(orders.spend())));
        CustomerPage page = new CustomerPage(r, customerRef, profile.memberId(), masked, errors,
                errors.any() ? r.formValues() : Map.of());
        List<String> sections = new ArrayList<>();
        for (CustomerSection s : r.ctx().console().customerSections()) {
            Panel panel = s.render(page);
            figures.addAll(panel.figures());
            if (!panel.html().isEmpty()) {
                sections.add(panel.html());
            }
        }
        model.put("figures", figures);
        model.put("sections", sections);
        return Optional.of(model);
    }

    static CustomerProfiles.Profile mask(CustomerProfiles.Profile p) {
        return new CustomerProfiles.Profile(p.memberId(), p.customerRef(), PiiMask.email(p.email()),
                PiiMask.name(p.displayName()), PiiMask.hidden(p.birthDate()), p.locale(), p.consents(), p.registeredAt(),
                p.erasedAt());
    }
}
