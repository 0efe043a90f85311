package dev.kizuna.loyalty.rank;

import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Member ranks for the console and the shopper pages, provided through {@code ctx.ports()} by the ranks module:
 * a member's rank status, the rank definitions and the members-by-rank dashboard, and the commands that change
 * the definitions (validated, every change audit-logged). The JSON API serves these same records.
 */
public interface RankQueries {

    /** What a rank requires in the window; null is not a criterion. Spend is in minor units of the shop currency. */
    record ThresholdsView(Long points, Long orders, Long spend) {
    }

    /** Free-text perks shown to shoppers, per language. */
    record Perks(List<String> ja, List<String> en) {
    }

    /**
     * @param memberDiscountPercent    percent off the member price of every line (0–100; missing is none)
     * @param memberDiscountByCategory category to its own percent, in place of the one above
     */
    record BenefitsView(Integer pointMultiplierPercent, Long freeShippingThreshold, Long birthdayBonusPoints,
                        Perks perks, Integer memberDiscountPercent, Map<String, Integer> memberDiscountByCategory) {

        /** Benefits without a member price. */
        public BenefitsView(Integer pointMultiplierPercent, Long freeShippingThreshold, Long birthdayBonusPoints,
                            Perks perks) {
            this(pointMultiplierPercent, freeShippingThreshold, birthdayBonusPoints, perks, null, null);
        }
    }

    /**
     * A rank definition, as read and as written: {@code level} 0 is the base rank, higher is better. When creating,
     * a missing level puts the rank on top, a given one inserts it there and moves the ranks above up by one.
     */
    record RankView(String code, Integer level, LocalizedText name, ThresholdsView thresholds, BenefitsView benefits) {
    }

    /** The settings that apply to the whole ladder. */
    record ProgramSettings(Integer windowMonths, DowngradePolicy downgradePolicy) {
    }

    record RankProgramView(int windowMonths, DowngradePolicy downgradePolicy, List<RankView> ranks) {
    }

    /** A rank as a shopper reads it, in one language. */
    record RankSummary(String code, int level, String name) {
    }

    /**
     * A rank's benefits in one language.
     *
     * @param memberPrice the member price the rank gives at the shop's checkout
     */
    record RankBenefitsView(int pointMultiplierPercent, Long freeShippingThreshold, long birthdayBonusPoints,
                            List<String> perks, MemberPriceView memberPrice) {
    }

    /**
     * A member price as a reader sees it: the percent off every line, and the categories with a percent of their own
     * (by the host's name of the category; 0 keeps its lines at the list price).
     */
    record MemberPriceView(int percent, List<CategoryPercent> byCategory) {
        /** Whether it takes anything off any line. */
        public boolean any() {
            return percent > 0 || byCategory.stream().anyMatch(c -> c.percent() > 0);
        }
    }

    record CategoryPercent(String category, String name, int percent) {
    }

    /**
     * The figures counted so far and the window they were counted over (shop-local days, both inclusive; the
     * last day counts up to now).
     */
    record Progress(long points, long orders, long spend, LocalDate windowFrom, LocalDate windowTo) {
    }

    /**
     * The rank above, exactly what is missing to reach it (null fields are not criteria of that rank), and the
     * benefits it would give.
     */
    record NextRank(RankSummary rank, ThresholdsView requires, ThresholdsView missing, RankBenefitsView benefits) {
    }

    /** Which way a member's rank moved ({@code rank_history.change}). */
    enum HistoryChange { UPGRADE, DOWNGRADE }

    /**
     * What judged the member ({@code rank_history.trigger}): the recalculation job, or a re-evaluation right after
     * points were confirmed.
     */
    enum HistoryTrigger { RECALCULATION, CONFIRMATION }

    /** One change of a member's rank and why: the figures it was judged on. */
    record HistoryEntry(Instant at, String fromCode, String fromName, String toCode, String toName, HistoryChange change,
                        HistoryTrigger trigger, long points, long orders, long spend, LocalDate windowFrom,
                        LocalDate windowTo) {
    }

    /**
     * A member's rank status.
     *
     * @param heldUntil   the last day the member keeps the rank if they do nothing more (null for the base rank,
     *                    which cannot be lost); see {@link RankOutlook}
     * @param keptByPolicy true while the member no longer qualifies and keeps the rank only under the downgrade
     *                    policy, until {@code heldUntil}
     * @param toKeep      while kept by policy, what is missing to qualify again for the rank held; otherwise null
     * @param next        null at the top rank
     */
    record RankStatus(String customerRef, RankSummary rank, Instant since, LocalDate heldUntil, boolean keptByPolicy,
                      RankBenefitsView benefits, Progress progress, ThresholdsView toKeep, NextRank next,
                      List<HistoryEntry> history, KeepView keep) {
    }

    /**
     * What keeps the rank at the next recalculation ({@code judgementDay}): {@code missing} is what must still be
     * earned by then (0 where already met, null where not a criterion); null on the base rank or when the ladder never
     * takes a rank away.
     */
    record KeepView(LocalDate judgementDay, ThresholdsView missing, boolean kept) {
    }

    /** One bar of the dashboard. */
    record RankCount(String code, int level, LocalizedText name, long members) {
    }

    /**
     * The member's rank status in {@code locale}; a customer Kizuna has not seen yet holds the base rank with
     * nothing counted.
     *
     * @return empty when {@code requireKnown} and Kizuna knows no such customer
     */
    Optional<RankStatus> status(String customerRef, Locale locale, boolean requireKnown);

    /** The customer's rank history, newest first. */
    List<HistoryEntry> history(String customerRef, Locale locale, int limit);

    /** The benefits the customer's rank gives (the base rank's for a customer Kizuna has not seen). */
    RankBenefits.Benefits benefits(String customerRef);

    RankProgramView definitions();

    /** Members per rank, base rank included, lowest rank first. */
    List<RankCount> membersByRank();

    /** Adds a rank; the new ladder must be valid (errors name the field). Members move at the next recalculation. */
    RankView createRank(RankView rank, String actor);

    /** Changes the rank {@code code} (the code itself stays). */
    RankView updateRank(String code, RankView rank, String actor);

    /** Changes the window length or the downgrade policy. */
    RankProgramView updateSettings(ProgramSettings settings, String actor);
}
