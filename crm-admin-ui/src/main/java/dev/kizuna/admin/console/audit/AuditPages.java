package dev.kizuna.admin.console.audit;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The audit log: who changed what and when, with the before and after of each change (admins only). */
public final class AuditPages {

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
