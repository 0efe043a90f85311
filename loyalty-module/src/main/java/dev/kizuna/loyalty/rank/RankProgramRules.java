package dev.kizuna.loyalty.rank;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.loyalty.rank.RankQueries.BenefitsView;
import dev.kizuna.loyalty.rank.RankQueries.Names;
import dev.kizuna.loyalty.rank.RankQueries.Perks;
import dev.kizuna.loyalty.rank.RankQueries.ProgramSettings;
import dev.kizuna.loyalty.rank.RankQueries.RankView;
import dev.kizuna.loyalty.rank.RankQueries.ThresholdsView;

import java.util.ArrayList;
import java.util.List;
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

    private RankProgramRules() {
    }

    /** The ladder with {@code input} added: on top, or at its level with the ranks from there moved up. */
    public static RankProgram withNewRank(RankProgram program, RankView input) {
        String code = code(input.code());
        if (program.find(code).isPresent()) {
            throw new InvalidInput("code", "a rank " + code + " exists already");
        }
        if (program.ranks().size() >= MAX_RANKS) {
            throw new InvalidInput("code", "a ladder has at most " + MAX_RANKS + " ranks");
        }
        int top = program.ranks().size();
        int level = input.level() == null ? top : input.level();
        if (level < 1 || level > top) {
            throw new InvalidInput("level", "must be between 1 and " + top + " (0 is the base rank)");
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
            throw new InvalidInput("code", "cannot be changed; create a new rank instead");
        }
        int top = program.ranks().size() - 1;
        int level = input.level() == null ? old.level() : input.level();
        if (old.isBase() && level != 0) {
            throw new InvalidInput("level", "the base rank stays at level 0");
        }
        if (!old.isBase() && (level < 1 || level > top)) {
            throw new InvalidInput("level", "must be between 1 and " + top + " (0 is the base rank)");
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
            throw new InvalidInput("windowMonths", "is required");
        }
        if (settings.windowMonths() < 1 || settings.windowMonths() > MAX_WINDOW_MONTHS) {
            throw new InvalidInput("windowMonths", "must be between 1 and " + MAX_WINDOW_MONTHS);
        }
        if (settings.downgradePolicy() == null) {
            throw new InvalidInput("downgradePolicy", "is required");
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
                throw new InvalidInput("thresholds", blameLower
                        ? "must ask less than " + higher.nameEn() + " above it"
                        : "must ask more than " + lower.nameEn() + " below it");
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
            throw new InvalidInput(field, hi == null
                    ? "cannot be a criterion unless " + higher.nameEn() + " above it asks it too"
                    : "must be at most " + hi + ", as " + higher.nameEn() + " above it asks");
        }
        throw new InvalidInput(field, "must be at least " + lo + ", as " + lower.nameEn()
                + " below it asks (a rank asks at least what the ranks below it ask)");
    }

    private static boolean asksMore(Thresholds lo, Thresholds hi) {
        return more(lo.minPoints(), hi.minPoints()) || more(lo.minOrders(), hi.minOrders())
                || more(lo.minSpend(), hi.minSpend());
    }

    private static boolean more(Long lower, Long higher) {
        return higher != null && (lower == null || higher > lower);
    }

    private static RankDefinition atLevel(RankDefinition r, int level) {
        return new RankDefinition(r.code(), level, r.nameJa(), r.nameEn(), r.thresholds(), r.pointMultiplierPercent(),
                r.freeShippingThreshold(), r.birthdayBonusPoints(), r.perksJa(), r.perksEn());
    }

    static String code(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInput("code", "is required");
        }
        if (!CODE.matcher(code).matches()) {
            throw new InvalidInput("code", "use capital letters, digits and _ (starting with a letter), at most 32");
        }
        return code;
    }

    /** One rank from its input, each field checked. */
    static RankDefinition definition(RankView input, String code, int level) {
        Names name = input.name();
        if (name == null) {
            throw new InvalidInput("name", "is required");
        }
        String ja = text("name.ja", name.ja(), MAX_NAME);
        String en = text("name.en", name.en(), MAX_NAME);
        ThresholdsView t = input.thresholds() == null ? new ThresholdsView(null, null, null) : input.thresholds();
        Thresholds thresholds = new Thresholds(positive("thresholds.points", t.points()),
                positive("thresholds.orders", t.orders()), positive("thresholds.spend", t.spend()));
        if (level == 0 && !thresholds.isNone()) {
            throw new InvalidInput("thresholds", "the base rank is everyone's and has no thresholds");
        }
        if (level > 0 && thresholds.isNone()) {
            throw new InvalidInput("thresholds", "give at least one of points, orders, spend");
        }
        BenefitsView b = input.benefits();
        if (b == null) {
            throw new InvalidInput("benefits", "is required");
        }
        if (b.pointMultiplierPercent() == null) {
            throw new InvalidInput("benefits.pointMultiplierPercent", "is required");
        }
        if (b.pointMultiplierPercent() < 1 || b.pointMultiplierPercent() > MAX_MULTIPLIER_PERCENT) {
            throw new InvalidInput("benefits.pointMultiplierPercent", "must be between 1 and " + MAX_MULTIPLIER_PERCENT
                    + " (100 earns the base rate)");
        }
        if (b.freeShippingThreshold() != null && b.freeShippingThreshold() < 0) {
            throw new InvalidInput("benefits.freeShippingThreshold", "must not be negative");
        }
        long birthday = b.birthdayBonusPoints() == null ? 0 : b.birthdayBonusPoints();
        if (birthday < 0) {
            throw new InvalidInput("benefits.birthdayBonusPoints", "must not be negative");
        }
        Perks perks = b.perks() == null ? new Perks(List.of(), List.of()) : b.perks();
        return new RankDefinition(code, level, ja, en, thresholds, b.pointMultiplierPercent(),
                b.freeShippingThreshold(), birthday, perks("benefits.perks.ja", perks.ja()),
                perks("benefits.perks.en", perks.en()));
    }

    private static List<String> perks(String field, List<String> perks) {
        if (perks == null) {
            return List.of();
        }
        if (perks.size() > MAX_PERKS) {
            throw new InvalidInput(field, "at most " + MAX_PERKS + " perks");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < perks.size(); i++) {
            out.add(text(field + "[" + i + "]", perks.get(i), MAX_PERK));
        }
        return out;
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInput(field, "at most " + max + " characters");
        }
        return v;
    }

    private static Long positive(String field, Long value) {
        if (value != null && value < 1) {
            throw new InvalidInput(field, "must be at least 1 (leave it out to not judge by it)");
        }
        return value;
    }

    /** The definition as the API and console show it. */
    public static RankView view(RankDefinition d) {
        Thresholds t = d.thresholds();
        return new RankView(d.code(), d.level(), new Names(d.nameJa(), d.nameEn()),
                new ThresholdsView(t.minPoints(), t.minOrders(), t.minSpend()),
                new BenefitsView(d.pointMultiplierPercent(), d.freeShippingThreshold(), d.birthdayBonusPoints(),
                        new Perks(d.perksJa(), d.perksEn())));
    }
}
