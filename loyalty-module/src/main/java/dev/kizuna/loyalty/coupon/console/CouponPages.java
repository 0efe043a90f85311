package dev.kizuna.loyalty.coupon.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.json.Json;
import dev.kizuna.loyalty.coupon.Campaigns;
import dev.kizuna.core.ports.RankLadder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coupon campaigns: the list, a form to create or change one (discount, minimum order, window, limits, who may use
 * it, which items), status changes, statistics, batches of single-use codes (generate, export as CSV), and the
 * birthday campaign. The coupon service validates, versions and audit-logs every change; the form is turned into
 * the same JSON its admin API takes, so its refusals name the same fields.
 */
public final class CouponPages {
    static final int MAX_BATCH = 1_000_000;

    public void register(ConsoleRoutes routes) {
        routes.get("/coupons", ConsoleRoutes.CONFIGURE, this::list);
        routes.get("/coupons/new", ConsoleRoutes.CONFIGURE, r -> form(r, null,
                Map.of("discount.type", "PERCENT", "eligibility.type", "ALL", "minimumOrder", "0", "status", "DRAFT"),
                new FormErrors(r.messages()), 200));
        routes.get("/coupons/birthday", ConsoleRoutes.CONFIGURE, this::birthday);
        routes.post("/coupons", ConsoleRoutes.CONFIGURE, this::create);
        routes.get("/coupons/{id}", ConsoleRoutes.CONFIGURE, r -> {
            Map<String, Object> c = campaigns(r).get(r.pathLong("id"));
            return form(r, c, values(c, r.ctx().zone()), new FormErrors(r.messages()), 200);
        });
        routes.post("/coupons/{id}", ConsoleRoutes.CONFIGURE, this::update);
        routes.post("/coupons/{id}/status", ConsoleRoutes.CONFIGURE, this::changeStatus);
        routes.post("/coupons/{id}/codes", ConsoleRoutes.CONFIGURE, this::generate);
        routes.get("/coupons/{id}/codes.csv", ConsoleRoutes.CONFIGURE, this::export);
    }

    private static Campaigns campaigns(PageRequest r) {
        return r.port(Campaigns.class);
    }

    private PageResult list(PageRequest r) {
        Map<String, Object> model = new HashMap<>();
        ZoneId zone = r.ctx().zone();
        model.put("campaigns", campaigns(r).list().stream().filter(c -> !"BIRTHDAY".equals(c.get("kind"))).map(c -> {
            Map<String, Object> shown = new HashMap<>(c);
            JsonNode json = Json.MAPPER.valueToTree(c);
            shown.put("fromDay", localDate(json.path("validFrom"), zone, false).orElse(""));
            shown.put("toDay", localDate(json.path("validTo"), zone, true).orElse(""));
            return shown;
        }).toList());
        return PageResult.view("coupons/list.ftlh", model);
    }

    private PageResult birthday(PageRequest r) {
        Map<String, Object> model = new HashMap<>();
        campaigns(r).list().stream().filter(c -> "BIRTHDAY".equals(c.get("kind"))).findFirst()
                .ifPresent(c -> model.put("campaign", campaigns(r).get(((Number) c.get("id")).longValue())));
        return PageResult.view("coupons/birthday.ftlh", model);
    }

    private PageResult form(PageRequest r, Map<String, Object> campaign, Map<String, String> values, FormErrors errors,
                            int status) {
        Map<String, Object> model = new HashMap<>();
        if (campaign != null) {
            model.put("campaign", campaign);
        }
        model.put("errors", errors.asMap());
        model.put("values", errors.any() ? r.formValues() : values);
        model.put("selectedRanks", errors.any() ? Arrays.asList(r.params("eligibility.ranks"))
                : Arrays.asList(values.getOrDefault("eligibility.ranks", "").split(",")));
        model.put("rankChoices", r.optionalPort(RankLadder.class).map(q -> q.ranks().stream()
                .map(k -> List.of(k.code(), k.name(r.locale())))
                .toList()).orElse(List.of()));
        return PageResult.view(campaign == null ? "coupons/new.ftlh" : "coupons/campaign.ftlh", model, status);
    }

    private PageResult create(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        ObjectNode body = body(r, errors);
        body.put("status", r.param("status").orElse("DRAFT"));
        if (errors.any()) {
            return form(r, null, Map.of(), errors, 400);
        }
        try {
            Map<String, Object> created = campaigns(r).create(body, r.actor());
            r.flashKey("success", "coupons.created");
            return PageResult.redirect("/coupons/" + created.get("id"));
        } catch (InvalidInput e) {
            return form(r, null, Map.of(), errors.add(e, CouponPages::formField), 400);
        } catch (Conflict e) {
            return form(r, null, Map.of(), errors.add("code", e.getMessage()), 409);
        }
    }

    private PageResult update(PageRequest r) {
        long id = r.pathLong("id");
        Map<String, Object> current = campaigns(r).get(id);
        FormErrors errors = new FormErrors(r.messages());
        ObjectNode body = body(r, errors);
        if (errors.any()) {
            return form(r, current, values(current, r.ctx().zone()), errors, 400);
        }
        try {
            campaigns(r).update(id, body, r.actor());
        } catch (InvalidInput e) {
            return form(r, current, values(current, r.ctx().zone()), errors.add(e, CouponPages::formField), 400);
        } catch (Conflict e) {
            return form(r, current, values(current, r.ctx().zone()), errors.add("_form", e.getMessage()), 409);
        }
        r.flashKey("success", "coupons.updated");
        return PageResult.redirect("/coupons/" + id);
    }

    private PageResult changeStatus(PageRequest r) {
        long id = r.pathLong("id");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("status", r.param("status").orElse(""));
        try {
            campaigns(r).changeStatus(id, body, r.actor());
            r.flashKey("success", "coupons.status-changed");
        } catch (Conflict | InvalidInput e) {
            r.flash("error", e.getMessage());
        }
        return PageResult.redirect("/coupons/" + id);
    }

    private PageResult generate(PageRequest r) {
        long id = r.pathLong("id");
        FormErrors errors = new FormErrors(r.messages());
        Integer count = errors.intValue(r, "count", true, 1, MAX_BATCH);
        if (errors.any()) {
            Map<String, Object> c = campaigns(r).get(id);
            Map<String, String> values = values(c, r.ctx().zone());
            return formWithCodeErrors(r, c, values, errors);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("count", count);
        try {
            Map<String, Object> result = campaigns(r).generateCodes(id, body, r.actor());
            r.flashKey("success", "coupons.generated", result.get("generated"));
        } catch (Conflict e) {
            r.flash("error", e.getMessage());
        }
        return PageResult.redirect("/coupons/" + id + "#codes");
    }

    /** The campaign page again with the code form's error, the campaign form showing the stored terms. */
    private PageResult formWithCodeErrors(PageRequest r, Map<String, Object> c, Map<String, String> values,
                                          FormErrors errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("campaign", c);
        model.put("errors", errors.asMap());
        Map<String, String> v = new HashMap<>(values);
        r.param("count").ifPresent(n -> v.put("count", n));
        model.put("values", v);
        model.put("selectedRanks", Arrays.asList(values.getOrDefault("eligibility.ranks", "").split(",")));
        model.put("rankChoices", r.optionalPort(RankLadder.class).map(q -> q.ranks().stream()
                .map(k -> List.of(k.code(), k.name(r.locale())))
                .toList()).orElse(List.of()));
        return PageResult.view("coupons/campaign.ftlh", model, 400);
    }

    private PageResult export(PageRequest r) {
        long id = r.pathLong("id");
        String csv = campaigns(r).codesCsv(id);
        // printed codes are money: who took a copy is recorded
        r.ctx().database().execute(tx -> r.ctx().audit().record(tx, r.actor(), "campaign.codes-export",
                "campaign:" + id, null, Map.of("campaign", id)));
        return new PageResult.Download("campaign-" + id + "-codes.csv", "text/csv; charset=UTF-8",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    /** The form as the coupon API's JSON; numbers are checked here, the terms by the coupon service. */
    static ObjectNode body(PageRequest r, FormErrors errors) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode name = body.putObject("name");
        r.param("name.ja").ifPresent(v -> name.put("ja", v));
        r.param("name.en").ifPresent(v -> name.put("en", v));
        r.param("code").ifPresent(v -> body.put("code", v));
        ObjectNode discount = body.putObject("discount");
        discount.put("type", r.param("discount.type").orElse(""));
        Long value = errors.longValue(r, "discount.value", false, 0, Long.MAX_VALUE / 2);
        if (value != null) {
            discount.put("value", value);
        }
        Long cap = errors.longValue(r, "discount.cap", false, 1, Long.MAX_VALUE / 2);
        if (cap != null) {
            discount.put("cap", cap);
        }
        Long minimum = errors.longValue(r, "minimumOrder", false, 0, Long.MAX_VALUE / 2);
        body.put("minimumOrder", minimum == null ? 0 : minimum);
        body.put("currency", r.ctx().host().shopCurrency().getCurrencyCode());
        date(r, errors, "validFrom").ifPresent(d -> body.put("validFrom", d));
        date(r, errors, "validTo").ifPresent(d -> body.put("validTo", d));
        Long total = errors.longValue(r, "totalLimit", false, 1, Long.MAX_VALUE / 2);
        if (total != null) {
            body.put("totalLimit", total);
        }
        Long perCustomer = errors.longValue(r, "perCustomerLimit", false, 1, 1_000_000);
        if (perCustomer != null) {
            body.put("perCustomerLimit", perCustomer);
        }
        ObjectNode eligibility = body.putObject("eligibility");
        String type = r.param("eligibility.type").orElse("ALL");
        eligibility.put("type", type);
        if (type.equals("RANKS")) {
            ArrayNode ranks = eligibility.putArray("ranks");
            Arrays.stream(r.params("eligibility.ranks")).filter(s -> !s.isBlank()).forEach(ranks::add);
        }
        if (type.equals("SEGMENT")) {
            r.param("eligibility.segment").ifPresent(s -> eligibility.put("segment", s));
        }
        list(body.putArray("categories"), r.raw("categories"));
        list(body.putArray("skus"), r.raw("skus"));
        body.put("stackableWithPoints", r.flag("stackableWithPoints"));
        return body;
    }

    private static void list(ArrayNode into, String typed) {
        Arrays.stream(typed.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).forEach(into::add);
    }

    private static java.util.Optional<String> date(PageRequest r, FormErrors errors, String field) {
        return r.param(field).filter(v -> {
            try {
                LocalDate.parse(v);
                return true;
            } catch (DateTimeParseException e) {
                errors.add(field, "error.date");
                return false;
            }
        });
    }

    static String formField(String field) {
        String f = FormErrors.listField(field);
        return switch (f) {
            case "name", "body" -> "name.ja";
            case "discount" -> "discount.type";
            case "eligibility" -> "eligibility.type";
            case "currency" -> "_form";
            default -> f;
        };
    }

    /** The form's values for a campaign as the coupon service shows it. */
    static Map<String, String> values(Map<String, Object> c, ZoneId zone) {
        Map<String, String> v = new HashMap<>();
        JsonNode json = Json.MAPPER.valueToTree(c);
        v.put("name.ja", json.path("name").path("ja").asText(""));
        v.put("name.en", json.path("name").path("en").asText(""));
        put(v, "code", json.path("code"));
        put(v, "discount.type", json.path("discount").path("type"));
        put(v, "discount.value", json.path("discount").path("value"));
        put(v, "discount.cap", json.path("discount").path("cap"));
        put(v, "minimumOrder", json.path("minimumOrder"));
        put(v, "totalLimit", json.path("totalLimit"));
        put(v, "perCustomerLimit", json.path("perCustomerLimit"));
        put(v, "eligibility.type", json.path("eligibility").path("type"));
        put(v, "eligibility.segment", json.path("eligibility").path("segment"));
        v.put("eligibility.ranks", String.join(",", strings(json.path("eligibility").path("ranks"))));
        v.put("categories", String.join(", ", strings(json.path("categories"))));
        v.put("skus", String.join(", ", strings(json.path("skus"))));
        if (json.path("stackableWithPoints").asBoolean(false)) {
            v.put("stackableWithPoints", "on");
        }
        localDate(json.path("validFrom"), zone, false).ifPresent(d -> v.put("validFrom", d));
        localDate(json.path("validTo"), zone, true).ifPresent(d -> v.put("validTo", d));
        return v;
    }

    private static List<String> strings(JsonNode array) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void put(Map<String, String> v, String key, JsonNode node) {
        if (!node.isMissingNode() && !node.isNull()) {
            v.put(key, node.asText());
        }
    }

    /** A stored instant as the shop-local day typed in the form; an end at local midnight is the day before. */
    static java.util.Optional<String> localDate(JsonNode node, ZoneId zone, boolean end) {
        if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            ZonedDateTime t = Instant.parse(node.asText()).atZone(zone);
            LocalDate d = end && t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().minusDays(1) : t.toLocalDate();
            return java.util.Optional.of(d.toString());
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}
