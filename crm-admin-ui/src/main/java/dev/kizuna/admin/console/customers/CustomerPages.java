package dev.kizuna.admin.console.customers;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.PiiMask;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.console.Customer360Page;
import dev.kizuna.core.web.Role;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Customers: search by id, e-mail or name, and the 360° page (profile and orders, with every installed feature's
 * section beside them). The support role sees personal data masked until it
 * reveals one customer's with a reason, which goes to the audit log.
 */
public final class CustomerPages implements Customer360Page {
    static final int MIN_REASON = 5;

    public void register(ConsoleRoutes routes) {
        routes.get("/customers", ConsoleRoutes.CUSTOMERS, this::search);
        routes.get("/customers/{ref}", ConsoleRoutes.CUSTOMERS, r -> view(r, new FormErrors(r.messages()), 200));
        routes.post("/customers/{ref}/reveal", ConsoleRoutes.CUSTOMERS, this::reveal);
    }

    private PageResult search(PageRequest r) {
        String q = r.param("q").orElse("");
        int page = r.intParam("page", 1, 1, 10_000);
        CustomerDirectory.Results results = r.port(CustomerDirectory.class).search(q, page);
        boolean mask = r.role() == Role.SUPPORT;
        Map<String, Object> model = new HashMap<>();
        model.put("q", q);
        model.put("results", results);
        model.put("hits", results.hits().stream().map(h -> new CustomerDirectory.Hit(h.memberId(), h.customerRef(),
                mask ? PiiMask.email(h.email()) : h.email(), mask ? PiiMask.name(h.displayName()) : h.displayName(),
                h.locale(), h.registeredAt(), h.erased())).toList());
        model.put("masked", mask);
        model.put("pageHref", "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        return PageResult.view("customers/search.ftlh", model);
    }

    private static final List<String> CONSENT_CHANNELS = List.of("mail", "email", "sms", "line", "phone", "post");

    @Override
    public PageResult show(PageRequest r, String customerRef, FormErrors errors, int status) {
        boolean masked = r.role() == Role.SUPPORT
                && !RevealedCustomers.of(r.session()).revealed(customerRef, Clock.systemUTC().instant());
        Map<String, Object> model = Customer360.model(r, customerRef, masked, errors)
                .orElseThrow(() -> new NotFound("no customer " + customerRef));
        model.put("errors", errors.asMap());
        if (errors.any()) {
            model.put("values", r.formValues());
        }
        model.put("mayReveal", r.role() == Role.SUPPORT && masked);
        // consents arrive by the host's channel names; the usual ones are named in the admin's language
        Map<String, String> consentLabels = new HashMap<>();
        for (String channel : CONSENT_CHANNELS) {
            consentLabels.put(channel, r.messages().text("customer.consent." + channel));
        }
        model.put("consentLabels", consentLabels);
        model.put("refPath", URLEncoder.encode(customerRef, StandardCharsets.UTF_8).replace("+", "%20"));
        return PageResult.view("customers/view.ftlh", model, status);
    }

    private PageResult view(PageRequest r, FormErrors errors, int status) {
        return show(r, r.path("ref"), errors, status);
    }

    private PageResult reveal(PageRequest r) {
        String ref = r.path("ref");
        FormErrors errors = new FormErrors(r.messages());
        String reason = r.param("reason").orElse("");
        if (reason.length() < MIN_REASON) {
            errors.add("reason", "customer.reveal-reason-required", MIN_REASON);
            return view(r, errors, 400);
        }
        if (reason.length() > 500) {
            errors.add("reason", "error.too-long", 500);
            return view(r, errors, 400);
        }
        long found = r.ctx().database().inTransaction(tx -> {
            long n = tx.sql().number("SELECT count(*) FROM member WHERE customer_ref = ?", ref);
            if (n > 0) {
                r.ctx().audit().record(tx, r.actor(), "customer.pii.reveal", "customer:" + ref, null,
                        Map.of("reason", reason, "role", r.role().name()));
            }
            return n;
        });
        if (found == 0) {
            throw new NotFound("no customer " + ref);
        }
        RevealedCustomers.of(r.session()).reveal(r.session(), ref, Clock.systemUTC().instant());
        r.flashKey("info", "customer.revealed");
        return PageResult.redirect("/customers/" + URLEncoder.encode(ref, StandardCharsets.UTF_8).replace("+", "%20"));
    }

}
