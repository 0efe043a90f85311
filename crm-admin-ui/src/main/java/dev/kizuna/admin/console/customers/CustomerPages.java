package dev.kizuna.admin.console.customers;

import dev.kizuna.admin.console.ConsoleRoutes;
import dev.kizuna.admin.console.FormErrors;
import dev.kizuna.admin.console.PageRequest;
import dev.kizuna.admin.console.PageResult;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.loyalty.points.PointsAdjustments;
import dev.kizuna.loyalty.points.PointsQueries;
import dev.kizuna.core.web.Role;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Customers: search by id, e-mail or name, and the 360° page (profile, orders, points, rank, coupons, answers,
 * segment, predicted LTV) with the manual point adjustment. The support role sees personal data masked until it
 * reveals one customer's with a reason, which goes to the audit log.
 */
public final class CustomerPages {
    static final int MIN_REASON = 5;

    public void register(ConsoleRoutes routes) {
        routes.get("/customers", ConsoleRoutes.CUSTOMERS, this::search);
        routes.get("/customers/{ref}", ConsoleRoutes.CUSTOMERS, r -> view(r, new FormErrors(r.messages()), 200));
        routes.post("/customers/{ref}/reveal", ConsoleRoutes.CUSTOMERS, this::reveal);
        routes.post("/customers/{ref}/points/adjustments", ConsoleRoutes.ADJUST, this::adjust);
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

    private PageResult view(PageRequest r, FormErrors errors, int status) {
        String ref = r.path("ref");
        boolean masked = r.role() == Role.SUPPORT
                && !RevealedCustomers.of(r.session()).revealed(ref, Clock.systemUTC().instant());
        Customer360 c360 = new Customer360(r.runtime());
        Map<String, Object> model = c360.model(ref, r.locale(), r.formats(), masked,
                r.intParam("ledgerPage", 1, 1, 100_000))
                .orElseThrow(() -> new NotFound("no customer " + ref));
        model.put("errors", errors.asMap());
        if (errors.any()) {
            model.put("values", r.formValues());
        }
        model.put("mayAdjust", r.hasRole(Role.ADMIN, Role.SUPPORT) && r.optionalPort(PointsAdjustments.class).isPresent());
        model.put("mayReveal", r.role() == Role.SUPPORT && masked);
        model.put("refPath", URLEncoder.encode(ref, StandardCharsets.UTF_8).replace("+", "%20"));
        return PageResult.view("customers/view.ftlh", model, status);
    }

    /**
     * A manual point adjustment from the 360° page. Its fields are named {@code adjust.*} so their errors never show
     * beside the reveal form's reason; the points service's refusals go beside the field they name.
     */
    private PageResult adjust(PageRequest r) {
        String ref = r.path("ref");
        PointsAdjustments adjustments = r.port(PointsAdjustments.class);
        FormErrors errors = new FormErrors(r.messages());
        Long points = errors.longValue(r, "adjust.points", true, -100_000_000L, 100_000_000L);
        if (points != null && points == 0) {
            errors.add("adjust.points", "customer.adjust-non-zero");
        }
        String reason = errors.text(r, "adjust.reason", true, 500);
        if (errors.any()) {
            return view(r, errors, 400);
        }
        try {
            adjustments.adjust(ref, new PointsAdjustments.Adjustment(points, reason), r.actor());
        } catch (InvalidInput e) {
            return view(r, errors.add(e, f -> "adjust." + FormErrors.listField(f)), 400);
        } catch (Conflict e) {
            long available = r.optionalPort(PointsQueries.class).flatMap(q -> q.points(ref, r.locale(), 1, 0, true))
                    .map(PointsQueries.PointsView::available).orElse(0L);
            return view(r, errors.add("adjust.points", "customer.adjust-overdraw", r.formats().number(available)), 409);
        }
        r.flashKey("success", "customer.adjusted", r.formats().signed(points));
        return PageResult.redirect("/customers/" + URLEncoder.encode(ref, StandardCharsets.UTF_8).replace("+", "%20")
                + "#section-points");
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
