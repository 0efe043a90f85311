package dev.kizuna.segment.duplicates.console;

import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.DashboardSection;
import dev.kizuna.core.console.Panel;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.PiiMask;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.web.Role;
import dev.kizuna.segment.duplicates.DuplicatePair;
import dev.kizuna.segment.duplicates.Duplicates;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Likely duplicate customers: each open pair side by side with what they share, the suggested survivor chosen, and
 * the merge (keep the one chosen) and dismiss buttons for the roles that may change customers' points (admin,
 * support); the recent decisions below. Names and e-mails are masked for the support role, as on the customers list.
 */
public final class DuplicatesConsole {
    static final int PAGE = 100;

    private DuplicatesConsole() {
    }

    public static void register(ConsoleContributions console, Duplicates duplicates) {
        console.pages().get("/duplicates", ConsoleRoutes.CUSTOMERS, r -> page(r, duplicates, null, 200));
        console.pages().post("/duplicates/{id}/merge", ConsoleRoutes.ADJUST, r -> merge(r, duplicates));
        console.pages().post("/duplicates/{id}/dismiss", ConsoleRoutes.ADJUST, r -> dismiss(r, duplicates));
        // reached from the dashboard, not the menu: the menu is one line at 1366 px and full
        console.dashboardSection(new OpenPairs(duplicates));
    }

    private static PageResult page(PageRequest r, Duplicates duplicates, String error, int status) {
        boolean mask = r.role() == Role.SUPPORT;
        Map<String, Object> model = new HashMap<>();
        model.put("pairs", duplicates.open(PAGE).stream().map(p -> row(r, p, mask)).toList());
        model.put("decided", duplicates.decided(20).stream().map(p -> row(r, p, mask)).toList());
        model.put("open", duplicates.openCount());
        model.put("mayDecide", r.hasRole(Role.ADMIN, Role.SUPPORT));
        model.put("masked", mask);
        model.put("error", error);
        return PageResult.view("duplicates/list.ftlh", model, status);
    }

    /** A pair as the page shows it: texts in the reader's language, personal data as the role may see it. */
    static Map<String, Object> row(PageRequest r, DuplicatePair p, boolean mask) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", p.id());
        row.put("evidence", p.evidence().stream().map(e -> r.messages().text("duplicates.evidence." + e.name())).toList());
        row.put("status", r.messages().text("duplicates.status." + p.status().name()));
        row.put("foundAt", r.formats().dateTime(p.foundAt()));
        row.put("decidedAt", p.decidedAt() == null ? "" : r.formats().dateTime(p.decidedAt()));
        row.put("decidedBy", p.decidedBy() == null ? "" : p.decidedBy());
        row.put("suggested", p.suggested().customerRef());
        row.put("members", List.of(member(r, p.first(), mask), member(r, p.second(), mask)));
        return row;
    }

    private static Map<String, Object> member(PageRequest r, DuplicatePair.Member m, boolean mask) {
        Map<String, Object> out = new HashMap<>();
        out.put("ref", m.customerRef());
        out.put("refPath", URLEncoder.encode(m.customerRef(), StandardCharsets.UTF_8).replace("+", "%20"));
        String name = mask ? PiiMask.name(m.name()) : m.name();
        String email = mask ? PiiMask.email(m.email()) : m.email();
        out.put("name", name == null ? "—" : name);
        out.put("email", email == null ? "—" : email);
        out.put("registeredAt", m.registeredAt() == null ? "—" : r.formats().dateTime(m.registeredAt()));
        out.put("orders", r.formats().number(m.orders()));
        out.put("spend", r.formats().money(m.spend()));
        return out;
    }

    private static PageResult merge(PageRequest r, Duplicates duplicates) {
        long id;
        try {
            id = Long.parseLong(r.path("id"));
        } catch (NumberFormatException e) {
            return PageResult.redirect("/duplicates");
        }
        try {
            Duplicates.Merged m = duplicates.merge(id, r.param("survivor").orElse(null), r.actor());
            if (m.changed()) {
                r.flashKey("success", "duplicates.merged", m.merged(), m.survivor());
            } else {
                r.flashKey("success", "duplicates.merged-before", m.merged(), m.survivor());
            }
        } catch (InvalidInput e) {
            return page(r, duplicates, e.text(r.locale()), 400);
        } catch (NotFound e) {
            return page(r, duplicates, r.messages().text("duplicates.no-such-pair"), 404);
        }
        return PageResult.redirect("/duplicates");
    }

    private static PageResult dismiss(PageRequest r, Duplicates duplicates) {
        long id;
        try {
            id = Long.parseLong(r.path("id"));
        } catch (NumberFormatException e) {
            return PageResult.redirect("/duplicates");
        }
        try {
            if (duplicates.dismiss(id, r.actor())) {
                r.flashKey("success", "duplicates.dismissed");
            }
        } catch (Conflict e) {
            return page(r, duplicates, r.messages().text("duplicates.merged-cannot-dismiss"), 409);
        } catch (NotFound e) {
            return page(r, duplicates, r.messages().text("duplicates.no-such-pair"), 404);
        }
        return PageResult.redirect("/duplicates");
    }

    /** The dashboard's card for the staff who see customers: how many pairs wait for a decision, and the way to them. */
    record OpenPairs(Duplicates duplicates) implements DashboardSection {
        @Override
        public String id() {
            return "duplicates";
        }

        @Override
        public int order() {
            return 25;
        }

        @Override
        public Panel render(PageRequest r) {
            if (!ConsoleRoutes.CUSTOMERS.contains(r.role())) {
                return Panel.of("");
            }
            return Panel.of(r.fragment("duplicates/dashboard.ftlh", Map.of("open", duplicates.openCount())));
        }
    }
}
