package dev.kizuna.admin.console.audit;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The audit log: who changed what and when, with the before and after of each change (admins only). */
public final class AuditPages {

    private static final String ACTION_LABEL = "audit.action.";

    public void register(ConsoleRoutes routes) {
        routes.get("/audit", ConsoleRoutes.ADMIN_ONLY, this::list);
    }

    private PageResult list(PageRequest r) {
        AuditTrail.Filter filter = new AuditTrail.Filter(r.param("actor").orElse(null), r.param("action").orElse(null),
                r.param("subject").orElse(null));
        Long before = r.param("before").filter(s -> s.matches("\\d{1,18}")).map(Long::valueOf).orElse(null);
        AuditTrail.Page page = new AuditTrail(r.ctx().database(), r.ctx().audit()).page(filter, before);
        Map<String, Object> model = new HashMap<>();
        model.put("entries", page.entries());
        // each action by its label in the admin's language; an action without one shows its code
        Map<String, String> labels = new HashMap<>();
        page.entries().forEach(e -> {
            if (r.messages().has(ACTION_LABEL + e.action())) {
                labels.put(e.action(), r.messages().text(ACTION_LABEL + e.action()));
            }
        });
        model.put("actionLabels", labels);
        // the filter picks an action by its label; any other prefix typed into the address still filters
        Map<String, String> actions = new TreeMap<>();
        r.messages().keys().stream().filter(k -> k.startsWith(ACTION_LABEL))
                .forEach(k -> actions.put(k.substring(ACTION_LABEL.length()), r.messages().text(k)));
        model.put("actions", actions);
        model.put("filter", filter);
        model.put("nextHref", page.next() == null ? null : "?actor=" + enc(filter.actor()) + "&action=" + enc(filter.action())
                + "&subject=" + enc(filter.subject()) + "&before=" + page.next());
        model.put("firstPage", before == null);
        return PageResult.view("audit.ftlh", model);
    }

    private static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
