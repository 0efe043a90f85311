package dev.kizuna.loyalty.points.console;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.Pickers;
import dev.kizuna.core.console.Customer360Page;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.loyalty.points.Campaign;
import dev.kizuna.loyalty.points.EarningProgram;
import dev.kizuna.loyalty.points.EarningRules;
import dev.kizuna.loyalty.points.PointsAdjustments;
import dev.kizuna.loyalty.points.PointsQueries;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Earning rules and point campaigns: the rules in force and every saved version, a form to add a version, the
 * campaigns with a form to create one and "end now". The earning programme validates and audit-logs every change;
 * its refusals show beside the field they name. Times are typed and shown in the shop's time zone.
 */
public final class PointsPages {
    static final int MAX_LIST_ITEMS = 200;

    public void register(ConsoleRoutes routes) {
        routes.get("/points", ConsoleRoutes.CONFIGURE, r -> page(r, new FormErrors(r.messages()), 200));
        routes.post("/points/rules", ConsoleRoutes.CONFIGURE, this::changeRules);
        routes.post("/points/campaigns", ConsoleRoutes.CONFIGURE, this::createCampaign);
        routes.post("/points/campaigns/{id}/end", ConsoleRoutes.CONFIGURE, this::end);
        routes.post("/customers/{ref}/points/adjustments", ConsoleRoutes.ADJUST, this::adjust);
    }

    private PageResult page(PageRequest r, FormErrors errors, int status) {
        EarningProgram.RulesView view = r.port(EarningProgram.class).view();
        Instant now = r.ctx().clock().instant();
        Map<String, String> values = new HashMap<>();
        EarningRules rules = view.inForce();
        values.put("baseRatePer100", Integer.toString(rules.baseRatePer100()));
        values.put("registrationBonus", Long.toString(rules.registrationBonus()));
        values.put("firstOrderBonus", Long.toString(rules.firstOrderBonus()));
        values.put("kind", Campaign.Kind.MULTIPLIER.name());
        if (errors.any()) {
            values.putAll(r.formValues());
        }
        Map<String, String> statuses = new HashMap<>();
        for (Campaign c : view.campaigns()) {
            statuses.put(String.valueOf(c.id()), now.isBefore(c.startsAt()) ? "SCHEDULED" : c.activeAt(now) ? "ACTIVE" : "ENDED");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("rules", rules);
        model.put("versions", view.versions());
        model.put("campaigns", view.campaigns());
        model.put("statuses", statuses);
        model.put("kinds", Campaign.Kind.values());
        model.put("errors", errors.asMap());
        model.put("values", values);
        Pickers.campaignChoices(r, model, "points.segment-everyone");
        model.put("chosenCategories", errors.any() ? picked(r, "categories") : List.of());
        model.put("chosenSkus", errors.any() ? picked(r, "skus") : List.of());
        return PageResult.view("points/list.ftlh", model, status);
    }

    private PageResult changeRules(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        Integer rate = errors.intValue(r, "baseRatePer100", true, 0, 100);
        Long registration = errors.longValue(r, "registrationBonus", false, 0, 1_000_000);
        Long firstOrder = errors.longValue(r, "firstOrderBonus", false, 0, 1_000_000);
        Instant from = errors.shopTime(r, "effectiveFrom", false);
        if (errors.any()) {
            return page(r, errors, 400);
        }
        try {
            EarningRules saved = r.port(EarningProgram.class).change(
                    new EarningProgram.RulesChange(rate, registration, firstOrder, from), r.actor());
            r.flashKey("success", "points.version-saved", String.valueOf(saved.version()));
        } catch (InvalidInput e) {
            return page(r, errors.add(e), 400);
        }
        return PageResult.redirect("/points");
    }

    private PageResult createCampaign(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        errors.text(r, "name.ja", true, 200);
        errors.text(r, "name.en", false, 200);
        String kind = r.param("kind").orElse("");
        boolean known = Arrays.stream(Campaign.Kind.values()).anyMatch(k -> k.name().equals(kind));
        if (!known) {
            errors.add("kind", "error.required");
        }
        boolean multiplier = Campaign.Kind.MULTIPLIER.name().equals(kind);
        // only the amount of the chosen kind counts: the other field may still hold what was typed before switching
        Integer percent = multiplier ? errors.intValue(r, "multiplierPercent", true, 101, 10_000) : null;
        Long bonus = known && !multiplier ? errors.longValue(r, "bonusPoints", true, 1, 1_000_000) : null;
        List<String> categories = list(r, errors, "categories");
        List<String> skus = list(r, errors, "skus");
        String segment = errors.text(r, "segment", false, 100);
        Instant starts = errors.shopTime(r, "startsAt", true);
        Instant ends = errors.shopTime(r, "endsAt", true);
        if (errors.any()) {
            return page(r, errors, 400);
        }
        try {
            Campaign created = r.port(EarningProgram.class).create(new EarningProgram.CampaignRequest(
                    r.localized("name"), kind, percent, bonus, categories, skus, segment, starts, ends),
                    r.actor());
            r.flashKey("success", "points.campaign-created", created.id() == null ? "" : created.id().toString());
        } catch (InvalidInput e) {
            return page(r, errors.add(e, PointsPages::formField), 400);
        }
        return PageResult.redirect("/points");
    }

    private PageResult end(PageRequest r) {
        long id = r.pathLong("id");
        Campaign ended = r.port(EarningProgram.class).end(id, r.actor());
        r.flashKey("success", "points.campaign-ended", ended.name().get(r.locale()));
        return PageResult.redirect("/points");
    }

    /** The form field that shows a refusal of the earning programme. */
    static String formField(String field) {
        return switch (field) {
            case "name" -> "name.ja";
            default -> FormErrors.listField(field);
        };
    }

    /** The values picked with a field's check boxes (a client may still send one comma-separated value). */
    private static List<String> picked(PageRequest r, String field) {
        return Arrays.stream(r.params(field)).flatMap(v -> Arrays.stream(v.split("[,\\r\\n]+"))).map(String::strip)
                .filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static List<String> list(PageRequest r, FormErrors errors, String field) {
        List<String> items = picked(r, field);
        if (items.size() > MAX_LIST_ITEMS) {
            errors.add(field, "error.range", 0, MAX_LIST_ITEMS);
        }
        return items;
    }

    /**
     * A manual point adjustment from the 360° page. Its fields are named {@code adjust.*} so their errors never show
     * beside the reveal form's reason; the points service's refusals go beside the field they name, on the 360° page
     * shown again.
     */
    private PageResult adjust(PageRequest r) {
        String ref = r.path("ref");
        PointsAdjustments adjustments = r.port(PointsAdjustments.class);
        Customer360Page page = r.port(Customer360Page.class);
        FormErrors errors = new FormErrors(r.messages());
        Long points = errors.longValue(r, "adjust.points", true, -100_000_000L, 100_000_000L);
        if (points != null && points == 0) {
            errors.add("adjust.points", "customer.adjust-non-zero");
        }
        String reason = errors.text(r, "adjust.reason", true, 500);
        String note = errors.text(r, "adjust.note", false, PointsAdjustments.MAX_NOTE);
        if (errors.any()) {
            return page.show(r, ref, errors, 400);
        }
        try {
            adjustments.adjust(ref, new PointsAdjustments.Adjustment(points, reason, note), r.actor());
        } catch (InvalidInput e) {
            return page.show(r, ref, errors.add(e, f -> "adjust." + FormErrors.listField(f)), 400);
        } catch (Conflict e) {
            long available = r.optionalPort(PointsQueries.class).flatMap(q -> q.points(ref, r.locale(), 1, 0, true))
                    .map(PointsQueries.PointsView::available).orElse(0L);
            return page.show(r, ref, errors.add("adjust.points", "customer.adjust-overdraw", r.formats().number(available)), 409);
        }
        r.flashKey("success", "customer.adjusted", r.formats().signed(points));
        return PageResult.redirect("/customers/" + URLEncoder.encode(ref, StandardCharsets.UTF_8).replace("+", "%20")
                + "#section-points");
    }
}
