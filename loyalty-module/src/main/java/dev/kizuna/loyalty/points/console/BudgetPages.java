package dev.kizuna.loyalty.points.console;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.loyalty.budget.Budget;
import dev.kizuna.loyalty.points.Campaign;
import dev.kizuna.loyalty.points.EarningProgram;
import dev.kizuna.loyalty.points.PointsBudgets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Budgets of point campaigns and of the rules' bonuses: each budget's cap beside what it has given (in all and
 * today) and what is left, and a form that sets one. Earning stops granting once a budget is spent.
 */
final class BudgetPages {

    void register(ConsoleRoutes routes) {
        routes.get("/points/budgets", ConsoleRoutes.CONFIGURE, r -> page(r, new FormErrors(r.messages()), 200));
        routes.post("/points/budgets", ConsoleRoutes.CONFIGURE, this::save);
    }

    private PageResult page(PageRequest r, FormErrors errors, int status) {
        Map<String, String> values = new HashMap<>();
        values.put("owner", "rule-bonus");
        values.put("unit", Budget.Unit.POINTS.name());
        if (errors.any()) {
            values.putAll(r.formValues());
        }
        List<List<String>> owners = new ArrayList<>();
        owners.add(List.of("rule-bonus", r.messages().text("points.budget.rule-bonus")));
        for (Campaign c : r.port(EarningProgram.class).campaigns()) {
            owners.add(List.of("campaign:" + c.id(), c.name().get(r.locale())));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("budgets", r.port(PointsBudgets.class).list());
        model.put("owners", owners);
        model.put("errors", errors.asMap());
        model.put("values", values);
        return PageResult.view("points/budgets.ftlh", model, status);
    }

    private PageResult save(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        String owner = r.param("owner").orElse("");
        Long campaignId = null;
        if (owner.startsWith("campaign:")) {
            try {
                campaignId = Long.valueOf(owner.substring("campaign:".length()));
            } catch (NumberFormatException e) {
                errors.add("owner", "error.required");
            }
        } else if (!owner.equals("rule-bonus")) {
            errors.add("owner", "error.required");
        }
        String unit = r.param("unit").orElse("");
        Long total = errors.longValue(r, "total", false, 1, Budget.MAX);
        Long perDay = errors.longValue(r, "perDay", false, 1, Budget.MAX);
        if (errors.any()) {
            return page(r, errors, 400);
        }
        PointsBudgets budgets = r.port(PointsBudgets.class);
        Budget.Request request = new Budget.Request(unit, total, perDay);
        try {
            if (campaignId == null) {
                budgets.setForRuleBonuses(request, r.actor());
            } else {
                budgets.setForCampaign(campaignId, request, r.actor());
            }
        } catch (InvalidInput e) {
            return page(r, errors.add(e), 400);
        }
        r.flashKey("success", "points.budget-saved");
        return PageResult.redirect("/points/budgets");
    }
}
