package dev.kizuna.loyalty.rank.console;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.FormErrors;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.loyalty.rank.DowngradePolicy;
import dev.kizuna.loyalty.rank.RankQueries;
import dev.kizuna.loyalty.rank.RankQueries.BenefitsView;
import dev.kizuna.loyalty.rank.RankQueries.Perks;
import dev.kizuna.loyalty.rank.RankQueries.RankView;
import dev.kizuna.loyalty.rank.RankQueries.ThresholdsView;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks and benefits: the ladder with each rank's thresholds and benefits, members per rank, the qualification
 * window and downgrade policy, and forms to add or change a rank. The ranks service checks the whole ladder and
 * audit-logs every change; its refusals show beside the field they name.
 */
public final class RankPages {
    static final int MAX_PERK_LINES = 50;
    /** The longest rank name the ranks service keeps, per language. */
    static final int MAX_NAME = 40;

    public void register(ConsoleRoutes routes) {
        routes.get("/ranks", ConsoleRoutes.CONFIGURE, r -> list(r, new FormErrors(r.messages()), 200));
        routes.post("/ranks/settings", ConsoleRoutes.CONFIGURE, this::saveSettings);
        routes.get("/ranks/new", ConsoleRoutes.CONFIGURE, r -> form(r, null, Map.of(), new FormErrors(r.messages()), 200));
        routes.post("/ranks", ConsoleRoutes.CONFIGURE, this::create);
        routes.get("/ranks/{code}", ConsoleRoutes.CONFIGURE, r -> {
            RankView rank = rank(r);
            return form(r, rank, values(rank), new FormErrors(r.messages()), 200);
        });
        routes.post("/ranks/{code}", ConsoleRoutes.CONFIGURE, this::update);
    }

    private PageResult list(PageRequest r, FormErrors errors, int status) {
        RankQueries ranks = r.port(RankQueries.class);
        RankQueries.RankProgramView program = ranks.definitions();
        Map<String, Long> members = new HashMap<>();
        for (RankQueries.RankCount c : ranks.membersByRank()) {
            members.put(c.code(), c.members());
        }
        Map<String, Object> model = new HashMap<>();
        model.put("program", program);
        model.put("members", members);
        model.put("policies", DowngradePolicy.values());
        model.put("errors", errors.asMap());
        model.put("values", errors.any() ? r.formValues() : Map.of("windowMonths", Integer.toString(program.windowMonths()),
                "downgradePolicy", program.downgradePolicy().name()));
        return PageResult.view("ranks/list.ftlh", model, status);
    }

    private PageResult saveSettings(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        Integer window = errors.intValue(r, "windowMonths", true, 1, 120);
        DowngradePolicy policy = null;
        try {
            policy = DowngradePolicy.valueOf(r.param("downgradePolicy").orElse(""));
        } catch (IllegalArgumentException e) {
            errors.add("downgradePolicy", "error.required");
        }
        if (errors.any()) {
            return list(r, errors, 400);
        }
        try {
            r.port(RankQueries.class).updateSettings(new RankQueries.ProgramSettings(window, policy), r.actor());
        } catch (InvalidInput e) {
            return list(r, errors.add(e), 400);
        }
        r.flashKey("success", "ranks.settings-saved");
        return PageResult.redirect("/ranks");
    }

    private PageResult form(PageRequest r, RankView rank, Map<String, String> values, FormErrors errors, int status) {
        Map<String, Object> model = new HashMap<>();
        if (rank != null) {
            model.put("rank", rank);
        }
        model.put("errors", errors.asMap());
        model.put("values", errors.any() ? r.formValues() : values);
        model.put("ladder", r.port(RankQueries.class).definitions().ranks());
        return PageResult.view("ranks/form.ftlh", model, status);
    }

    private PageResult create(PageRequest r) {
        FormErrors errors = new FormErrors(r.messages());
        String code = errors.text(r, "code", true, 32);
        RankView input = read(r, errors, code, false);
        if (errors.any()) {
            return form(r, null, Map.of(), errors, 400);
        }
        try {
            RankView created = r.port(RankQueries.class).createRank(input, r.actor());
            r.flashKey("success", "ranks.created", created.code());
        } catch (InvalidInput e) {
            return form(r, null, Map.of(), errors.add(e, RankPages::formField), 400);
        }
        return PageResult.redirect("/ranks");
    }

    private PageResult update(PageRequest r) {
        RankView current = rank(r);
        FormErrors errors = new FormErrors(r.messages());
        RankView input = read(r, errors, current.code(), current.level() == 0);
        if (errors.any()) {
            return form(r, current, values(current), errors, 400);
        }
        try {
            r.port(RankQueries.class).updateRank(current.code(), input, r.actor());
            r.flashKey("success", "ranks.updated", current.code());
        } catch (InvalidInput e) {
            return form(r, current, values(current), errors.add(e, RankPages::formField), 400);
        }
        return PageResult.redirect("/ranks");
    }

    /** The most points or money a rank's threshold or benefit may name: 100 million, past any real customer. */
    public static final long MAX_FIGURE = 100_000_000L;

    /** The rank as typed; numbers are checked here, the ladder rules by the ranks service. */
    static RankView read(PageRequest r, FormErrors errors, String code, boolean base) {
        // every field is checked before the ranks service sees the rank, so an empty form names all it misses at once
        errors.text(r, "name.ja", true, MAX_NAME);
        errors.text(r, "name.en", false, MAX_NAME);
        Integer level = base ? Integer.valueOf(0) : errors.intValue(r, "level", false, 1, 100);
        Long points = errors.longValue(r, "thresholds.points", false, 1, MAX_FIGURE);
        Long orders = errors.longValue(r, "thresholds.orders", false, 1, 1_000_000);
        Long spend = errors.longValue(r, "thresholds.spend", false, 1, MAX_FIGURE);
        Integer multiplier = errors.intValue(r, "benefits.pointMultiplierPercent", true, 1, 10_000);
        Long shipping = errors.longValue(r, "benefits.freeShippingThreshold", false, 0, MAX_FIGURE);
        Long birthday = errors.longValue(r, "benefits.birthdayBonusPoints", false, 0, 10_000_000);
        List<String> perksJa = lines(r, errors, "benefits.perks.ja");
        List<String> perksEn = lines(r, errors, "benefits.perks.en");
        Integer discount = errors.intValue(r, "benefits.memberDiscountPercent", false, 0, 100);
        Map<String, Integer> byCategory = categoryPercents(r, errors, "benefits.memberDiscountByCategory");
        return new RankView(code, level, r.localized("name"),
                new ThresholdsView(points, orders, spend),
                new BenefitsView(multiplier, shipping, birthday == null ? 0L : birthday, new Perks(perksJa, perksEn),
                        discount == null ? 0 : discount, byCategory));
    }

    /** One {@code category=percent} a line, as the form's text area takes the member discount by category. */
    private static Map<String, Integer> categoryPercents(PageRequest r, FormErrors errors, String field) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String line : lines(r, errors, field)) {
            int eq = line.lastIndexOf('=');
            Integer percent = null;
            if (eq > 0) {
                try {
                    percent = Integer.valueOf(line.substring(eq + 1).strip());
                } catch (NumberFormatException e) {
                    percent = null;
                }
            }
            if (percent == null || percent < 0 || percent > 100 || line.substring(0, eq).isBlank()) {
                errors.add(field, "ranks.member-discount-line", line);
                return Map.of();
            }
            out.put(line.substring(0, eq).strip(), percent);
        }
        return out;
    }

    private static List<String> lines(PageRequest r, FormErrors errors, String field) {
        List<String> lines = Arrays.stream(r.raw(field).split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (lines.size() > MAX_PERK_LINES) {
            errors.add(field, "ranks.too-many-perks", MAX_PERK_LINES);
        }
        return lines;
    }

    /** The form field that shows a refusal of the ranks service. */
    static String formField(String field) {
        String f = FormErrors.listField(field);
        return switch (f) {
            case "name" -> "name.ja";
            case "benefits" -> "benefits.pointMultiplierPercent";
            default -> f;
        };
    }

    static Map<String, String> values(RankView v) {
        Map<String, String> m = new HashMap<>();
        m.put("code", v.code());
        put(m, "level", v.level());
        m.put("name.ja", v.name().ja());
        m.put("name.en", v.name().en());
        if (v.thresholds() != null) {
            put(m, "thresholds.points", v.thresholds().points());
            put(m, "thresholds.orders", v.thresholds().orders());
            put(m, "thresholds.spend", v.thresholds().spend());
        }
        BenefitsView b = v.benefits();
        if (b != null) {
            put(m, "benefits.pointMultiplierPercent", b.pointMultiplierPercent());
            put(m, "benefits.freeShippingThreshold", b.freeShippingThreshold());
            put(m, "benefits.birthdayBonusPoints", b.birthdayBonusPoints());
            if (b.perks() != null) {
                m.put("benefits.perks.ja", String.join("\n", b.perks().ja()));
                m.put("benefits.perks.en", String.join("\n", b.perks().en()));
            }
            put(m, "benefits.memberDiscountPercent", b.memberDiscountPercent());
            if (b.memberDiscountByCategory() != null) {
                StringBuilder lines = new StringBuilder();
                b.memberDiscountByCategory().forEach((category, percent) ->
                        lines.append(lines.isEmpty() ? "" : "\n").append(category).append('=').append(percent));
                m.put("benefits.memberDiscountByCategory", lines.toString());
            }
        }
        return m;
    }

    private static void put(Map<String, String> m, String key, Number n) {
        if (n != null) {
            m.put(key, Long.toString(n.longValue()));
        }
    }

    private static RankView rank(PageRequest r) {
        String code = r.path("code");
        return r.port(RankQueries.class).definitions().ranks().stream().filter(v -> v.code().equals(code)).findFirst()
                .orElseThrow(() -> new NotFound("no rank " + code));
    }
}
