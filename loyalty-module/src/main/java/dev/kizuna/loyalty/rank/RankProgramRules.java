package dev.kizuna.loyalty.rank;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.ports.MemberDiscount;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.core.text.LocalizedTexts;
import dev.kizuna.loyalty.rank.RankQueries.BenefitsView;
import dev.kizuna.loyalty.rank.RankQueries.Perks;
import dev.kizuna.loyalty.rank.RankQueries.ProgramSettings;
import dev.kizuna.loyalty.rank.RankQueries.RankView;
import dev.kizuna.loyalty.rank.RankQueries.ThresholdsView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a valid rank ladder looks like, and the edits the console makes to it. Every rule names the field it
 * checks, so a form can show the error beside it. A ladder is nested: a rank asks at least what every rank below
 * it asks, and more, so reaching a rank means having reached those below (and "what is missing for the next
 * rank" means what it says).
 */
public final class RankProgramRules {
    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    static final int MAX_RANKS = 20;
    static final int MAX_NAME = 40;
    static final int MAX_PERKS = 10;
    static final int MAX_PERK = 200;
    static final int MAX_WINDOW_MONTHS = 36;
    static final int MAX_MULTIPLIER_PERCENT = 1_000;
    static final int MAX_CATEGORIES = 50;
    static final int MAX_CATEGORY = 64;

    private RankProgramRules() {
    }

    /** The ladder with {@code input} added: on top, or at its level with the ranks from there moved up. */
    public static RankProgram withNewRank(RankProgram program, RankView input) {
        String code = code(input.code());
        if (program.find(code).isPresent()) {
            throw new InvalidInput("code", "rank.code-taken", code);
        }
        if (program.ranks().size() >= MAX_RANKS) {
            throw new InvalidInput("code", "rank.too-many", MAX_RANKS);
        }
        int top = program.ranks().size();
        int level = input.level() == null ? top : input.level();
        if (level < 1 || level > top) {
            throw new InvalidInput("level", "rank.level-range", top);
        }
        RankDefinition added = definition(input, code, level);
        List<RankDefinition> ranks = new ArrayList<>();
        for (RankDefinition r : program.ranks()) {
            ranks.add(r.level() >= level ? atLevel(r, r.level() + 1) : r);
        }
        ranks.add(added);
        return checked(new RankProgram(program.windowMonths(), program.downgradePolicy(), ranks), code);
    }

    /** The ladder with rank {@code code} replaced by {@code input} (moved when its level changes). */
    public static RankProgram withUpdatedRank(RankProgram program, String code, RankView input) {
        RankDefinition old = program.find(code).orElseThrow(() -> new NotFound("no rank " + code));
        if (input.code() != null && !input.code().equals(code)) {
            throw new InvalidInput("code", "rank.code-fixed");
        }
        int top = program.ranks().size() - 1;
        int level = input.level() == null ? old.level() : input.level();
        if (old.isBase() && level != 0) {
            throw new InvalidInput("level", "rank.base-level");
        }
        if (!old.isBase() && (level < 1 || level > top)) {
            throw new InvalidInput("level", "rank.level-range", top);
        }
        RankDefinition updated = definition(input, code, level);
        List<RankDefinition> others = new ArrayList<>(program.ranks());
        others.remove(old);
        // Close the gap the rank leaves, then open one where it goes.
        List<RankDefinition> ranks = new ArrayList<>();
        for (RankDefinition r : others) {
            int l = r.level() > old.level() ? r.level() - 1 : r.level();
            ranks.add(atLevel(r, l >= level ? l + 1 : l));
        }
        ranks.add(updated);
        return checked(new RankProgram(program.windowMonths(), program.downgradePolicy(), ranks), code);
    }

    public static RankProgram withSettings(RankProgram program, ProgramSettings settings) {
        if (settings.windowMonths() == null) {
            throw new InvalidInput("windowMonths", "required");
        }
        if (settings.windowMonths() < 1 || settings.windowMonths() > MAX_WINDOW_MONTHS) {
            throw new InvalidInput("windowMonths", "out-of-range", 1, MAX_WINDOW_MONTHS);
        }
        if (settings.downgradePolicy() == null) {
            throw new InvalidInput("downgradePolicy", "required");
        }
        return new RankProgram(settings.windowMonths(), settings.downgradePolicy(), program.ranks());
    }

    /**
     * Checks the ladder as a whole; returns it. Errors are told from the side of {@code edited}, the rank being
     * created or changed: "must be at least Silver's 200" or "must be at most Gold's 700".
     */
    public static RankProgram checked(RankProgram program, String edited) {
        List<RankDefinition> ranks = program.ranks();
        for (int i = 0; i < ranks.size(); i++) {
            if (ranks.get(i).level() != i) {
                throw new IllegalStateException("rank levels must be 0.." + (ranks.size() - 1));
            }
        }
        for (int i = 1; i < ranks.size(); i++) {
            RankDefinition lower = ranks.get(i - 1);
            RankDefinition higher = ranks.get(i);
            boolean blameLower = lower.code().equals(edited);
            nested("thresholds.points", lower, higher, lower.thresholds().minPoints(), higher.thresholds().minPoints(), blameLower);
            nested("thresholds.orders", lower, higher, lower.thresholds().minOrders(), higher.thresholds().minOrders(), blameLower);
            nested("thresholds.spend", lower, higher, lower.thresholds().minSpend(), higher.thresholds().minSpend(), blameLower);
            if (!asksMore(lower.thresholds(), higher.thresholds())) {
                throw new InvalidInput("thresholds", blameLower ? "rank.must-ask-less" : "rank.must-ask-more",
                        name(blameLower ? higher : lower));
            }
        }
        return program;
    }

    private static void nested(String field, RankDefinition lower, RankDefinition higher, Long lo, Long hi,
                               boolean blameLower) {
        if (lo == null || (hi != null && hi >= lo)) {
            return;
        }
        if (blameLower) {
            throw new InvalidInput(field, hi == null ? "rank.criterion-above" : "rank.at-most-as-above",
                    name(higher), hi);
        }
        throw new InvalidInput(field, "rank.at-least-as-below", name(lower), lo);
    }

    private static ProblemTexts.Localized name(RankDefinition rank) {
        return new ProblemTexts.Localized(rank.name().ja(), rank.name().en());
    }

    private static boolean asksMore(Thresholds lo, Thresholds hi) {
        return more(lo.minPoints(), hi.minPoints()) || more(lo.minOrders(), hi.minOrders())
                || more(lo.minSpend(), hi.minSpend());
    }

    private static boolean more(Long lower, Long higher) {
        return higher != null && (lower == null || higher > lower);
    }

    private static RankDefinition atLevel(RankDefinition r, int level) {
        return new RankDefinition(r.code(), level, r.name(), r.thresholds(), r.pointMultiplierPercent(),
                r.freeShippingThreshold(), r.birthdayBonusPoints(), r.perksJa(), r.perksEn(), r.memberDiscount());
    }

    static String code(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInput("code", "required");
        }
        if (!CODE.matcher(code).matches()) {
            throw new InvalidInput("code", "rank.code-format");
        }
        return code;
    }

    /** One rank from its input, each field checked. */
    static RankDefinition definition(RankView input, String code, int level) {
        LocalizedText name = LocalizedTexts.japanese("name", input.name(), MAX_NAME);
        ThresholdsView t = input.thresholds() == null ? new ThresholdsView(null, null, null) : input.thresholds();
        Thresholds thresholds = new Thresholds(positive("thresholds.points", t.points()),
                positive("thresholds.orders", t.orders()), positive("thresholds.spend", t.spend()));
        if (level == 0 && !thresholds.isNone()) {
            throw new InvalidInput("thresholds", "rank.base-no-thresholds");
        }
        if (level > 0 && thresholds.isNone()) {
            throw new InvalidInput("thresholds", "rank.thresholds-needed");
        }
        BenefitsView b = input.benefits();
        if (b == null) {
            throw new InvalidInput("benefits", "required");
        }
        if (b.pointMultiplierPercent() == null) {
            throw new InvalidInput("benefits.pointMultiplierPercent", "required");
        }
        if (b.pointMultiplierPercent() < 1 || b.pointMultiplierPercent() > MAX_MULTIPLIER_PERCENT) {
            throw new InvalidInput("benefits.pointMultiplierPercent", "rank.multiplier-range",
                    MAX_MULTIPLIER_PERCENT);
        }
        if (b.freeShippingThreshold() != null && b.freeShippingThreshold() < 0) {
            throw new InvalidInput("benefits.freeShippingThreshold", "not-negative");
        }
        long birthday = b.birthdayBonusPoints() == null ? 0 : b.birthdayBonusPoints();
        if (birthday < 0) {
            throw new InvalidInput("benefits.birthdayBonusPoints", "not-negative");
        }
        Perks perks = b.perks() == null ? new Perks(List.of(), List.of()) : b.perks();
        return new RankDefinition(code, level, name, thresholds, b.pointMultiplierPercent(),
                b.freeShippingThreshold(), birthday, perks("benefits.perks.ja", perks.ja()),
                perks("benefits.perks.en", perks.en()), memberDiscount(b));
    }

    private static MemberDiscount memberDiscount(BenefitsView b) {
        int percent = b.memberDiscountPercent() == null ? 0 : b.memberDiscountPercent();
        if (percent < 0 || percent > 100) {
            throw new InvalidInput("benefits.memberDiscountPercent", "rank.member-discount-range");
        }
        Map<String, Integer> byCategory = b.memberDiscountByCategory() == null ? Map.of() : b.memberDiscountByCategory();
        for (Map.Entry<String, Integer> e : byCategory.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getKey().length() > MAX_CATEGORY) {
                throw new InvalidInput("benefits.memberDiscountByCategory", "rank.member-discount-category");
            }
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 100) {
                throw new InvalidInput("benefits.memberDiscountByCategory", "rank.member-discount-range");
            }
        }
        if (byCategory.size() > MAX_CATEGORIES) {
            throw new InvalidInput("benefits.memberDiscountByCategory", "rank.member-discount-categories",
                    MAX_CATEGORIES);
        }
        return new MemberDiscount(percent, byCategory);
    }

    private static List<String> perks(String field, List<String> perks) {
        if (perks == null) {
            return List.of();
        }
        if (perks.size() > MAX_PERKS) {
            throw new InvalidInput(field, "rank.too-many-perks", MAX_PERKS);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < perks.size(); i++) {
            out.add(text(field + "[" + i + "]", perks.get(i), MAX_PERK));
        }
        return out;
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInput(field, "too-long", max);
        }
        return v;
    }

    private static Long positive(String field, Long value) {
        if (value != null && value < 1) {
            throw new InvalidInput(field, "rank.at-least-one");
        }
        return value;
    }

    /** The definition as the API and console show it. */
    public static RankView view(RankDefinition d) {
        Thresholds t = d.thresholds();
        return new RankView(d.code(), d.level(), d.name(),
                new ThresholdsView(t.minPoints(), t.minOrders(), t.minSpend()),
                new BenefitsView(d.pointMultiplierPercent(), d.freeShippingThreshold(), d.birthdayBonusPoints(),
                        new Perks(d.perksJa(), d.perksEn()), d.memberDiscount().percent(),
                        d.memberDiscount().byCategory()));
    }
}
