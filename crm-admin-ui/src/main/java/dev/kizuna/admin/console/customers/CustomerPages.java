package dev.kizuna.admin.console.customers;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.CustomerFacet;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.PiiMask;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.mirror.CustomerMerges;
import dev.kizuna.core.console.Customer360Page;
import dev.kizuna.core.web.Role;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Customers: the list (search, filters, sort; {@link CustomerList}) and the 360° page (profile and orders, with every installed feature's
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

    /**
     * The list: everyone, or whom the search text finds, narrowed by the facets' filters ({@code f.<facet>}), sorted by
     * one facet ({@code sort}), a page at a time ({@code after}: where the page starts). A refused parameter is shown
     * beside its field with an empty list (status 400).
     */
    private PageResult search(PageRequest r) {
        List<CustomerFacet> facets = new ArrayList<>(MemberFacets.all());
        facets.addAll(r.ctx().console().customerFacets());
        facets.sort(Comparator.comparingInt(CustomerFacet::order));
        FormErrors errors = new FormErrors(r.messages());
        String q = r.param("q").orElse("").strip();
        if (q.length() > CustomerList.MAX_QUERY) {
            errors.add("q", "error.too-long", CustomerList.MAX_QUERY);
        }
        String sortKey = r.param("sort").filter(s -> !s.isBlank()).orElse(MemberFacets.DEFAULT_SORT);
        Optional<CustomerFacet.Sorting> sort = facets.stream().filter(f -> f.key().equals(sortKey))
                .flatMap(f -> f.sorting().stream()).findFirst();
        if (sort.isEmpty()) {
            errors.add("sort", "customers.unknown-choice");
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        List<CustomerFacet.Condition> conditions = new ArrayList<>();
        List<Map<String, Object>> filters = new ArrayList<>();
        r.ctx().database().inTransaction(tx -> {
            for (CustomerFacet f : facets) {
                if (f.filter().isEmpty()) {
                    continue;
                }
                String name = "f." + f.key();
                String value = r.param(name).orElse("").strip();
                if (!value.isEmpty()) {
                    chosen.put(name, value);
                    f.filter().get().condition(value).ifPresentOrElse(conditions::add,
                            () -> errors.add(name, "customers.unknown-choice"));
                }
                List<List<String>> options = new ArrayList<>();
                options.add(List.of("", r.messages().text("customers.filter-any")));
                f.filter().get().choices(tx, r.messages()).forEach(c -> options.add(List.of(c.value(), c.label())));
                filters.add(Map.of("name", name, "label", r.messages().text(f.labelKey()), "options", options));
            }
            return null;
        });
        Optional<CustomerList.Cursor> after = CustomerList.Cursor.parse(r.param("after").orElse(null));
        if (r.param("after").filter(s -> !s.isBlank()).isPresent() && after.isEmpty()) {
            errors.add("after", "customers.unknown-choice");
        }
        List<CustomerFacet> columns = facets.stream().filter(CustomerFacet::column).toList();
        CustomerList.Page page = errors.any() ? new CustomerList.Page(List.of(), null)
                : r.port(CustomerList.class).page(new CustomerList.Query(q, sort.get(), conditions, after.orElse(null)),
                        columns, r.messages(), r.formats());
        boolean mask = r.role() == Role.SUPPORT;
        Map<String, Object> model = new HashMap<>();
        model.put("q", q);
        model.put("sort", sortKey);
        model.put("maxQuery", CustomerList.MAX_QUERY);
        model.put("sortLabel", facets.stream().filter(f -> f.key().equals(sortKey) && f.sorting().isPresent())
                .map(f -> r.messages().text(f.labelKey())).findFirst().orElse(""));
        model.put("sorts", facets.stream().filter(f -> f.sorting().isPresent())
                .map(f -> List.of(f.key(), r.messages().text(f.labelKey()))).toList());
        model.put("filters", filters);
        model.put("columns", columns.stream().map(f -> List.of(f.key(), r.messages().text(f.labelKey()))).toList());
        model.put("rows", page.rows().stream().map(row -> {
            CustomerDirectory.Hit h = row.member();
            return new CustomerList.Row(new CustomerDirectory.Hit(h.memberId(), h.customerRef(),
                    mask ? PiiMask.email(h.email()) : h.email(), mask ? PiiMask.name(h.displayName()) : h.displayName(),
                    h.locale(), h.registeredAt(), h.erased()), row.cells());
        }).toList());
        model.put("masked", mask);
        model.put("errors", errors.asMap());
        Map<String, String> values = new HashMap<>(chosen);
        values.put("q", q);
        values.put("sort", sortKey);
        model.put("values", values);
        StringBuilder href = new StringBuilder("?q=").append(encode(q)).append("&sort=").append(encode(sortKey));
        chosen.forEach((k, v) -> href.append('&').append(encode(k)).append('=').append(encode(v)));
        model.put("firstHref", href.toString());
        model.put("nextHref", page.next() == null ? null : href + "&after=" + encode(page.next().token()));
        model.put("continued", after.isPresent());
        return PageResult.view("customers/search.ftlh", model, errors.any() ? 400 : 200);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
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
        String ref = r.path("ref");
        // a customer merged into another has nothing left to show: its survivor's page holds both accounts
        Optional<String> survivor = r.optionalPort(CustomerMerges.class)
                .flatMap(m -> r.ctx().database().inTransaction(tx -> m.mergedInto(tx, ref)));
        if (survivor.isPresent()) {
            r.flashKey("info", "customer.merged-into", ref, survivor.get());
            return PageResult.redirect("/customers/" + URLEncoder.encode(survivor.get(), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return show(r, ref, errors, status);
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
