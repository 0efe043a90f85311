package dev.kizuna.loyalty.coupon.console;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.console.Pickers;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.loyalty.coupon.CampaignDraft;
import dev.kizuna.loyalty.coupon.CampaignStatus;
import dev.kizuna.loyalty.coupon.CampaignTerms;
import dev.kizuna.loyalty.coupon.CampaignView;
import dev.kizuna.loyalty.coupon.Campaigns;
import dev.kizuna.loyalty.coupon.CodeBatchResult;
import dev.kizuna.loyalty.coupon.CodeRequest;
import dev.kizuna.loyalty.coupon.CouponBudgets;
import dev.kizuna.loyalty.budget.Budget;
import dev.kizuna.loyalty.coupon.Discount;
import dev.kizuna.loyalty.coupon.Eligibility;
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
import java.util.Optional;

/**
 * Coupon campaigns: the list, a form to create or change one (discount, minimum order, window, limits, who may use
 * it, which items), status changes, statistics, batches of single-use codes (generate, export as CSV), and the
 * birthday campaign. The coupon service validates, versions and audit-logs every change; the form is turned into
 * the same {@link CampaignDraft} its admin API reads, so its refusals name the same fields.
 */
public final class CouponPages {
    static final int MAX_BATCH = 1_000_000;

    public void register(ConsoleRoutes routes) {
        routes.get("/coupons", ConsoleRoutes.CONFIGURE, this::list);
        routes.get("/coupons/new", ConsoleRoutes.CONFIGURE, r -> form(r, null,
                Map.of("discount.type", "PERCENT", "eligibility.type", "ALL", "minimumOrder", "0", "status", "DRAFT"),
                new FormErrors(r.messages()), 200));
        routes.get("/coupons/birthday", ConsoleRoutes.CONFIGURE, this::birthday);
        routes.post("/coupons/birthday", ConsoleRoutes.CONFIGURE, this::updateBirthday);
        routes.post("/coupons", ConsoleRoutes.CONFIGURE, this::create);
        routes.get("/coupons/{id}", ConsoleRoutes.CONFIGURE, r -> {
            CampaignView c = campaigns(r).get(r.pathLong("id"));
            return form(r, c, values(c, r.ctx().zone()), new FormErrors(r.messages()), 200);
        });
        routes.post("/coupons/{id}", ConsoleRoutes.CONFIGURE, this::update);
        routes.post("/coupons/{id}/status", ConsoleRoutes.CONFIGURE, this::changeStatus);
        routes.post("/coupons/{id}/codes", ConsoleRoutes.CONFIGURE, this::generate);
        routes.post("/coupons/{id}/budget", ConsoleRoutes.CONFIGURE, this::saveBudget);
        routes.get("/coupons/{id}/codes.csv", ConsoleRoutes.CONFIGURE, this::export);
    }

    private static Campaigns campaigns(PageRequest r) {
        return r.port(Campaigns.class);
    }

    private PageResult list(PageRequest r) {
        Map<String, Object> model = new HashMap<>();
        ZoneId zone = r.ctx().zone();
        model.put("campaigns", campaigns(r).list().stream().filter(c -> !c.birthday()).map(c -> new Listed(c,
                localDate(c.terms().validFrom(), zone, false).map(d -> r.formats().date(LocalDate.parse(d))).orElse(""),
                localDate(c.terms().validTo(), zone, true).map(d -> r.formats().date(LocalDate.parse(d))).orElse(""))).toList());
        return PageResult.view("coupons/list.ftlh", model);
    }

    /** A row of the list: the campaign and its window as shop-local days, written the reader's way. */
    public record Listed(CampaignView campaign, String fromDay, String toDay) {
    }

    /** The birthday coupon with its terms' form (when the campaign exists: the birthday job makes it). */
    private PageResult birthday(PageRequest r) {
        Optional<CampaignView> c = campaigns(r).birthday();
        if (c.isEmpty()) {
            Map<String, Object> model = new HashMap<>();
            model.put("errors", Map.of());
            model.put("values", Map.of());
            return PageResult.view("coupons/birthday.ftlh", model);
        }
        return form(r, c.get(), values(c.get(), r.ctx().zone()), new FormErrors(r.messages()), 200,
                "coupons/birthday.ftlh");
    }

    /** New terms for the birthday coupon from its own page: a new version, audit-logged, as any campaign's. */
    private PageResult updateBirthday(PageRequest r) {
        CampaignView current = campaigns(r).birthday().orElseThrow(() -> new NotFound("no birthday campaign"));
        FormErrors errors = new FormErrors(r.messages());
        CampaignDraft draft = draft(r, errors);
        Map<String, String> stored = values(current, r.ctx().zone());
        if (errors.any()) {
            return form(r, current, stored, errors, 400, "coupons/birthday.ftlh");
        }
        try {
            campaigns(r).update(current.id(), draft, r.actor());
        } catch (InvalidInput e) {
            return form(r, current, stored, errors.add(e, CouponPages::formField), 400, "coupons/birthday.ftlh");
        } catch (Conflict e) {
            return form(r, current, stored, errors.add("_form", r.messages().textOrSelf(e.getMessage())), 409,
                    "coupons/birthday.ftlh");
        }
        r.flashKey("success", "coupons.updated");
        return PageResult.redirect("/coupons/birthday");
    }

    private PageResult form(PageRequest r, CampaignView campaign, Map<String, String> values, FormErrors errors,
                            int status) {
        return form(r, campaign, values, errors, status, campaign == null ? "coupons/new.ftlh" : "coupons/campaign.ftlh");
    }

    private PageResult form(PageRequest r, CampaignView campaign, Map<String, String> values, FormErrors errors,
                            int status, String template) {
        Map<String, Object> model = new HashMap<>();
        Map<String, String> shown = new HashMap<>(errors.any() ? r.formValues() : values);
        if (campaign != null) {
            model.put("campaign", campaign);
            budget(r, campaign.id(), model, shown, errors.any() && r.param("budget.unit").isPresent());
        }
        model.put("errors", errors.asMap());
        model.put("values", shown);
        model.put("selectedRanks", errors.any() ? Arrays.asList(r.params("eligibility.ranks"))
                : Arrays.asList(values.getOrDefault("eligibility.ranks", "").split(",")));
        model.put("rankChoices", r.optionalPort(RankLadder.class).map(q -> q.ranks().stream()
                .map(k -> List.of(k.code(), k.name(r.locale())))
                .toList()).orElse(List.of()));
        pickers(r, model, errors.any() ? null : values);
        return PageResult.view(template, model, status);
    }

    /**
     * What the form picks from: the shop's categories and SKUs and the listed segments, and which are picked (from
     * the stored terms in {@code stored}, or as posted when null).
     */
    private static void pickers(PageRequest r, Map<String, Object> model, Map<String, String> stored) {
        Pickers.campaignChoices(r, model, "coupons.segment-none");
        model.put("chosenCategories", stored == null ? picked(r, "categories") : list(stored.getOrDefault("categories", "")));
        model.put("chosenSkus", stored == null ? picked(r, "skus") : list(stored.getOrDefault("skus", "")));
    }

    private static List<String> picked(PageRequest r, String field) {
        return Arrays.stream(r.params(field)).flatMap(v -> list(v).stream()).distinct().toList();
    }

    private PageResult create(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        CampaignDraft draft = draft(r, errors);
        CampaignStatus startAs = status(r.param("status").orElse("DRAFT"), errors);
        if (errors.any()) {
            return form(r, null, Map.of(), errors, 400);
        }
        try {
            CampaignView created = campaigns(r).create(draft, startAs, r.actor());
            r.flashKey("success", "coupons.created");
            return PageResult.redirect("/coupons/" + created.id());
        } catch (InvalidInput e) {
            return form(r, null, Map.of(), errors.add(e, CouponPages::formField), 400);
        } catch (Conflict e) {
            return form(r, null, Map.of(), errors.add("code", e.getMessage()), 409);
        }
    }

    private PageResult update(PageRequest r) {
        long id = r.pathLong("id");
        CampaignView current = campaigns(r).get(id);
        FormErrors errors = new FormErrors(r.messages());
        CampaignDraft draft = draft(r, errors);
        if (errors.any()) {
            return form(r, current, values(current, r.ctx().zone()), errors, 400);
        }
        try {
            campaigns(r).update(id, draft, r.actor());
        } catch (InvalidInput e) {
            return form(r, current, values(current, r.ctx().zone()), errors.add(e, CouponPages::formField), 400);
        } catch (Conflict e) {
            return form(r, current, values(current, r.ctx().zone()), errors.add("_form", e.getMessage()), 409);
        }
        r.flashKey("success", "coupons.updated");
        return PageResult.redirect("/coupons/" + id);
    }

    /**
     * The campaign's spend against its budget (uses and yen, in all, today and per shop day) and the budget form's
     * values: the stored budget, or what was posted to it when {@code posted}.
     */
    private static void budget(PageRequest r, long campaignId, Map<String, Object> model, Map<String, String> shown,
                               boolean posted) {
        CouponBudgets.SpendReport spend = r.port(CouponBudgets.class).report(campaignId, CouponBudgets.REPORT_DAYS);
        model.put("spend", spend);
        if (!posted) {
            Budget b = spend.budget() == null ? null : spend.budget().budget();
            shown.put("budget.unit", b == null ? Budget.Unit.YEN.name() : b.unit().name());
            shown.put("budget.total", b == null || b.total() == null ? "" : Long.toString(b.total()));
            shown.put("budget.perDay", b == null || b.perDay() == null ? "" : Long.toString(b.perDay()));
        }
        if (spend.budget() != null && spend.budget().budget().total() != null) {
            model.put("budgetPercent", Math.min(100, spend.budget().spent() * 100 / spend.budget().budget().total()));
        }
    }

    private PageResult saveBudget(PageRequest r) {
        long id = r.pathLong("id");
        CampaignView current = campaigns(r).get(id);
        FormErrors errors = new FormErrors(r.messages());
        Long total = errors.longValue(r, "budget.total", false, 1, Budget.MAX);
        Long perDay = errors.longValue(r, "budget.perDay", false, 1, Budget.MAX);
        // the unit is a pick from the form's list: without one, or with one not on it, say so in the page's words,
        // not the API's (which names the enum's values)
        Optional<String> unit = r.param("budget.unit").filter(u -> !u.isBlank());
        if (unit.isEmpty()) {
            errors.add("budget.unit", "error.required");
        } else if (Arrays.stream(Budget.Unit.values()).noneMatch(u -> u.name().equals(unit.get()))) {
            errors.add("budget.unit", "error.choose");
        }
        Map<String, String> values = values(current, r.ctx().zone());
        if (!errors.any()) {
            try {
                r.port(CouponBudgets.class).set(id, new Budget.Request(r.param("budget.unit").orElse(null), total, perDay),
                        r.actor());
                r.flashKey("success", "coupons.budget-saved");
                return PageResult.redirect("/coupons/" + id + "#budget");
            } catch (InvalidInput e) {
                errors.add(e, f -> "budget." + f);
            }
        }
        // The campaign's own form shows its stored terms; the budget form what was posted, with its errors.
        values.put("budget.unit", r.param("budget.unit").orElse(""));
        values.put("budget.total", r.param("budget.total").orElse(""));
        values.put("budget.perDay", r.param("budget.perDay").orElse(""));
        Map<String, Object> model = new HashMap<>();
        model.put("campaign", current);
        budget(r, id, model, values, true);
        model.put("errors", errors.asMap());
        model.put("values", values);
        model.put("selectedRanks", Arrays.asList(values.getOrDefault("eligibility.ranks", "").split(",")));
        model.put("rankChoices", r.optionalPort(RankLadder.class).map(q -> q.ranks().stream()
                .map(k -> List.of(k.code(), k.name(r.locale()))).toList()).orElse(List.of()));
        pickers(r, model, values);
        return PageResult.view("coupons/campaign.ftlh", model, 400);
    }

    private PageResult changeStatus(PageRequest r) {
        long id = r.pathLong("id");
        try {
            campaigns(r).changeStatus(id, status(r.param("status").orElse(""), new FormErrors(r.messages())), r.actor());
            r.flashKey("success", "coupons.status-changed");
        } catch (InvalidInput e) {
            r.flash("error", e.detail(r.locale()));
        } catch (Conflict e) {
            r.flash("error", r.messages().textOrSelf(e.getMessage()));
        }
        return PageResult.redirect("/coupons/" + id);
    }

    private PageResult generate(PageRequest r) {
        long id = r.pathLong("id");
        FormErrors errors = new FormErrors(r.messages());
        Integer count = errors.intValue(r, "count", true, 1, MAX_BATCH);
        if (errors.any()) {
            CampaignView c = campaigns(r).get(id);
            Map<String, String> values = values(c, r.ctx().zone());
            return formWithCodeErrors(r, c, values, errors);
        }
        try {
            CodeBatchResult result = campaigns(r).generateCodes(id, CodeRequest.count(count), r.actor());
            r.flashKey("success", "coupons.generated", result.generated());
        } catch (Conflict e) {
            r.flash("error", e.getMessage());
        }
        return PageResult.redirect("/coupons/" + id + "#codes");
    }

    /** The campaign page again with the code form's error, the campaign form showing the stored terms. */
    private PageResult formWithCodeErrors(PageRequest r, CampaignView c, Map<String, String> values,
                                          FormErrors errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("campaign", c);
        model.put("errors", errors.asMap());
        Map<String, String> v = new HashMap<>(values);
        r.param("count").ifPresent(n -> v.put("count", n));
        budget(r, c.id(), model, v, false);
        model.put("values", v);
        model.put("selectedRanks", Arrays.asList(values.getOrDefault("eligibility.ranks", "").split(",")));
        model.put("rankChoices", r.optionalPort(RankLadder.class).map(q -> q.ranks().stream()
                .map(k -> List.of(k.code(), k.name(r.locale())))
                .toList()).orElse(List.of()));
        pickers(r, model, values);
        return PageResult.view("coupons/campaign.ftlh", model, 400);
    }

    private PageResult export(PageRequest r) {
        long id = r.pathLong("id");
        String csv = campaigns(r).codesCsv(id, r.ctx().zone());
        // printed codes are money: who took a copy is recorded
        r.ctx().database().execute(tx -> r.ctx().audit().record(tx, r.actor(), "campaign.codes-export",
                "campaign:" + id, null, Map.of("campaign", id)));
        return new PageResult.Download("campaign-" + id + "-codes.csv", "text/csv; charset=UTF-8",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    /** The most money, points or uses a campaign's form may name: 100 million, past any real order or campaign. */
    public static final long MAX_FIGURE = 100_000_000L;

    /** The form as the coupon service's draft; numbers and dates are checked here, the terms by the service. */
    static CampaignDraft draft(PageRequest r, FormErrors errors) {
        Map<String, String> name = new java.util.LinkedHashMap<>();
        r.param("name.ja").filter(v -> !v.isBlank()).ifPresent(v -> name.put(LocalizedText.JA, v));
        r.param("name.en").filter(v -> !v.isBlank()).ifPresent(v -> name.put(LocalizedText.EN, v));
        if (!name.containsKey(LocalizedText.JA)) {
            errors.add("name.ja", "error.required");
        }
        Discount.Type type = choice(Discount.Type.class, r.param("discount.type").orElse(""), "discount.type", errors);
        Long value = errors.longValue(r, "discount.value", false, 0, MAX_FIGURE);
        Long cap = errors.longValue(r, "discount.cap", false, 1, MAX_FIGURE);
        Long minimum = errors.longValue(r, "minimumOrder", false, 0, MAX_FIGURE);
        String validFrom = date(r, errors, "validFrom").orElse(null);
        String validTo = date(r, errors, "validTo").orElse(null);
        Long total = errors.longValue(r, "totalLimit", false, 1, MAX_FIGURE);
        Long perCustomer = errors.longValue(r, "perCustomerLimit", false, 1, 1_000_000);
        Eligibility.Type who = choice(Eligibility.Type.class, r.param("eligibility.type").orElse("ALL"),
                "eligibility.type", errors);
        List<String> ranks = who == Eligibility.Type.RANKS
                ? Arrays.stream(r.params("eligibility.ranks")).filter(s -> !s.isBlank()).toList() : null;
        String segment = who == Eligibility.Type.SEGMENT ? r.param("eligibility.segment").orElse(null) : null;
        terms(errors, type, value, cap, validFrom, validTo, who, ranks, segment);
        return new CampaignDraft(name.isEmpty() ? null : LocalizedText.of(name),
                new CampaignDraft.DiscountDraft(type, value, cap), minimum == null ? 0 : minimum,
                r.ctx().host().shopCurrency().getCurrencyCode(), picked(r, "categories"), picked(r, "skus"),
                validFrom, validTo, total, perCustomer, new CampaignDraft.EligibilityDraft(who, ranks, segment),
                r.flag("stackableWithPoints"), r.param("code").orElse(null));
    }

    /**
     * What the coupon service would refuse one at a time, checked beside the form's own checks so an empty or wrong
     * form names every bad field at once: the discount's value for its type, the cap, the window's order, and who may
     * use it. A field already refused (a number that is not one) keeps its first message.
     */
    static void terms(FormErrors errors, Discount.Type type, Long value, Long cap, String validFrom, String validTo,
                      Eligibility.Type who, List<String> ranks, String segment) {
        Map<String, String> refused = errors.asMap();
        if (type == Discount.Type.FREE_SHIPPING) {
            if (value != null && value != 0) {
                errors.add(new InvalidInput("discount.value", "coupon.free-shipping-no-value"));
            }
        } else if (type != null && !refused.containsKey("discount.value")) {
            if (value == null) {
                errors.add("discount.value", "error.required");
            } else if (value < 1) {
                errors.add(new InvalidInput("discount.value", "at-least", 1));
            } else if (type == Discount.Type.PERCENT && value > 100) {
                errors.add(new InvalidInput("discount.value", "coupon.percent-range", 1, 100));
            }
        }
        if (cap != null && type != null && type != Discount.Type.PERCENT) {
            errors.add(new InvalidInput("discount.cap", "coupon.cap-percent-only"));
        }
        if (validFrom != null && validTo != null && LocalDate.parse(validTo).isBefore(LocalDate.parse(validFrom))) {
            errors.add(new InvalidInput("validTo", "must-be-after", new ProblemTexts.Field("validFrom")));
        }
        if (who == Eligibility.Type.RANKS && (ranks == null || ranks.isEmpty())) {
            errors.add(new InvalidInput("eligibility.ranks", "coupon.eligibility-ranks"));
        }
        if (who == Eligibility.Type.SEGMENT && segment == null) {
            errors.add("eligibility.segment", "error.required");
        }
    }

    private static CampaignStatus status(String typed, FormErrors errors) {
        return choice(CampaignStatus.class, typed, "status", errors);
    }

    /** One of an enum's names; a missing or unknown one is the field's error (required / invalid). */
    private static <E extends Enum<E>> E choice(Class<E> type, String typed, String field, FormErrors errors) {
        try {
            return Enum.valueOf(type, typed.strip());
        } catch (IllegalArgumentException e) {
            if (typed.isBlank()) {
                errors.add(field, "error.required");
            } else {
                errors.add(field, "must be one of " + String.join(", ",
                        Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
            }
            return null;
        }
    }

    private static List<String> list(String typed) {
        return Arrays.stream(typed.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
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
    static Map<String, String> values(CampaignView c, ZoneId zone) {
        Map<String, String> v = new HashMap<>();
        CampaignTerms t = c.terms();
        v.put("name.ja", t.name().exactly(LocalizedText.JA).orElse(""));
        v.put("name.en", t.name().exactly(LocalizedText.EN).orElse(""));
        put(v, "code", c.code());
        put(v, "discount.type", t.discount().type());
        put(v, "discount.value", t.discount().value());
        put(v, "discount.cap", t.discount().cap());
        put(v, "minimumOrder", t.minimumOrder());
        put(v, "totalLimit", t.totalLimit());
        put(v, "perCustomerLimit", t.perCustomerLimit());
        put(v, "eligibility.type", t.eligibility().type());
        put(v, "eligibility.segment", t.eligibility().segment());
        v.put("eligibility.ranks", String.join(",", t.eligibility().ranks()));
        v.put("categories", String.join(", ", t.categories()));
        v.put("skus", String.join(", ", t.skus()));
        if (t.stackableWithPoints()) {
            v.put("stackableWithPoints", "on");
        }
        localDate(t.validFrom(), zone, false).ifPresent(d -> v.put("validFrom", d));
        localDate(t.validTo(), zone, true).ifPresent(d -> v.put("validTo", d));
        return v;
    }

    private static void put(Map<String, String> v, String key, Object value) {
        if (value != null) {
            v.put(key, value instanceof Enum<?> e ? e.name() : String.valueOf(value));
        }
    }

    /** A stored instant as the shop-local day typed in the form; an end at local midnight is the day before. */
    static java.util.Optional<String> localDate(Instant instant, ZoneId zone, boolean end) {
        if (instant == null) {
            return java.util.Optional.empty();
        }
        ZonedDateTime t = instant.atZone(zone);
        LocalDate d = end && t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().minusDays(1) : t.toLocalDate();
        return java.util.Optional.of(d.toString());
    }
}
