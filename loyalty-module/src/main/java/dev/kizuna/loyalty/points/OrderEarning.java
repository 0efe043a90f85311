package dev.kizuna.loyalty.points;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an order earns, per line, by the rules in force at its submission.
 * <ul>
 *   <li>Redeemed points are spread over the lines in proportion to their net amounts ({@link #lineRedeemed}); a
 *       line earns on its net amount less the value its redeemed points paid (shipping is never a line).</li>
 *   <li>Base points: {@code rate} per 100 of that amount, times the rank multiplier and the best multiplier
 *       campaign covering the line. The order's base is rounded down once, and split over the lines by cumulative
 *       shares, so the lines add up to exactly the order's figure and a return reverses exactly a line's share.</li>
 *   <li>Bonus-per-unit campaigns add their points per unit bought to each covered line.</li>
 *   <li>The first-order bonus belongs to the order as a whole ({@link #orderBonus}).</li>
 * </ul>
 */
public record OrderEarning(long[] linePoints, long[] lineRedeemed, long orderBonus, List<Long> campaignIds) {

    /** An order line as earning sees it: its net amount is after line and order discounts. */
    public record Line(String sku, String category, int quantity, long netAmount) {
    }

    private static final long SCALE = 100L * 100L * 100L;

    public static OrderEarning of(EarningRules rules, int rankMultiplierPercent, List<Campaign> campaigns,
                                  List<Line> lines, long pointsRedeemed, long pointValueMinor, boolean firstOrder) {
        return of(rules, rankMultiplierPercent, campaigns, Set.of(), (id, points) -> points, lines, pointsRedeemed,
                pointValueMinor, firstOrder);
    }

    /** What a campaign under a budget may still give: up to {@code points}, never more. */
    @FunctionalInterface
    public interface CampaignBudgets {
        long claim(long campaignId, long points);
    }

    /**
     * {@link #of(EarningRules, int, List, List, long, long, boolean)} with some campaigns under budgets. The campaigns
     * without one earn first; then each budgeted campaign, in list order, adds what it gives beyond what is earned so
     * far, claimed from its budget: all of it, or what the budget has left spread over the lines by their share of
     * it. So an order never takes more from a budget than the budget holds.
     */
    public static OrderEarning of(EarningRules rules, int rankMultiplierPercent, List<Campaign> campaigns,
                                  Set<Long> budgeted, CampaignBudgets budgets, List<Line> lines, long pointsRedeemed,
                                  long pointValueMinor, boolean firstOrder) {
        long[] redeemed = spread(pointsRedeemed, lines);
        Set<Long> used = new LinkedHashSet<>();
        List<Campaign> included = new ArrayList<>();
        List<Campaign> capped = new ArrayList<>();
        for (Campaign c : campaigns) {
            (c.id() != null && budgeted.contains(c.id()) ? capped : included).add(c);
        }
        long[] reference = linePoints(rules, rankMultiplierPercent, included, lines, redeemed, pointValueMinor, used);
        long[] points = reference.clone();
        for (Campaign c : capped) {
            List<Campaign> with = new ArrayList<>(included);
            with.add(c);
            Set<Long> usedWith = new LinkedHashSet<>();
            long[] next = linePoints(rules, rankMultiplierPercent, with, lines, redeemed, pointValueMinor, usedWith);
            long[] more = new long[lines.size()];
            long wanted = 0;
            for (int i = 0; i < more.length; i++) {
                more[i] = next[i] - reference[i];
                wanted += more[i];
            }
            if (wanted <= 0 || !usedWith.contains(c.id())) {
                continue;
            }
            long granted = Math.max(0, Math.min(wanted, budgets.claim(c.id(), wanted)));
            if (granted == wanted) {
                for (int i = 0; i < more.length; i++) {
                    points[i] += more[i];
                }
                reference = next;
                included = with;
            } else if (granted > 0) {
                long[] share = spreadBy(granted, more);
                for (int i = 0; i < share.length; i++) {
                    points[i] += share[i];
                }
            }
            if (granted > 0) {
                used.add(c.id());
            }
        }
        used.remove(null);
        return new OrderEarning(points, redeemed, firstOrder ? rules.firstOrderBonus() : 0, new ArrayList<>(used));
    }

    /** The same earning with the first-order bonus the bonus budget gave. */
    public OrderEarning withOrderBonus(long bonus) {
        return new OrderEarning(linePoints, lineRedeemed, bonus, campaignIds);
    }

    private static long[] linePoints(EarningRules rules, int rankMultiplierPercent, List<Campaign> campaigns,
                                     List<Line> lines, long[] redeemed, long pointValueMinor, Set<Long> used) {
        int n = lines.size();
        long[] points = new long[n];
        // the product amount × rate × multiplier × campaign percent can pass 2^63 on a large order; its share of
        // points (divided by SCALE) cannot, for amounts within Amounts.MAX
        BigInteger cumulative = BigInteger.ZERO;
        long given = 0;
        for (int i = 0; i < n; i++) {
            Line l = lines.get(i);
            long amount = Math.max(0, l.netAmount() - Math.multiplyExact(redeemed[i], pointValueMinor));
            int campaignPercent = 100;
            long perUnit = 0;
            for (Campaign c : campaigns) {
                if (!c.covers(l.category(), l.sku())) {
                    continue;
                }
                if (c.kind() == Campaign.Kind.MULTIPLIER) {
                    if (c.multiplierPercent() > campaignPercent) {
                        campaignPercent = c.multiplierPercent();
                    }
                    if (amount > 0 && rules.baseRatePer100() > 0) {
                        used.add(c.id());
                    }
                } else {
                    perUnit += c.bonusPoints();
                    used.add(c.id());
                }
            }
            cumulative = cumulative.add(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(rules.baseRatePer100()))
                    .multiply(BigInteger.valueOf((long) Math.max(0, rankMultiplierPercent) * campaignPercent)));
            long upTo = cumulative.divide(BigInteger.valueOf(SCALE)).longValueExact();
            points[i] = upTo - given + Math.multiplyExact(perUnit, (long) Math.max(0, l.quantity()));
            given = upTo;
        }
        return points;
    }

    /** Spreads {@code points} over slots in proportion to their positive weights (cumulative shares, exact sum). */
    private static long[] spreadBy(long points, long[] weights) {
        long[] out = new long[weights.length];
        long total = 0;
        for (long w : weights) {
            total += Math.max(0, w);
        }
        long cumulative = 0;
        long given = 0;
        for (int i = 0; i < out.length; i++) {
            cumulative += Math.max(0, weights[i]);
            long upTo = BigInteger.valueOf(points).multiply(BigInteger.valueOf(cumulative))
                    .divide(BigInteger.valueOf(total)).longValueExact();
            out[i] = upTo - given;
            given = upTo;
        }
        return out;
    }

    /** Spreads {@code points} over the lines in proportion to their net amounts (cumulative shares, exact sum). */
    static long[] spread(long points, List<Line> lines) {
        long[] out = new long[lines.size()];
        long total = 0;
        for (Line l : lines) {
            total += Math.max(0, l.netAmount());
        }
        if (points <= 0 || lines.isEmpty()) {
            return out;
        }
        if (total == 0) {
            out[0] = points;
            return out;
        }
        long cumulative = 0;
        long given = 0;
        for (int i = 0; i < out.length; i++) {
            cumulative += Math.max(0, lines.get(i).netAmount());
            long upTo = i == out.length - 1 ? points
                    : BigInteger.valueOf(points).multiply(BigInteger.valueOf(cumulative))
                            .divide(BigInteger.valueOf(total)).longValueExact();
            out[i] = upTo - given;
            given = upTo;
        }
        return out;
    }

    public long linesTotal() {
        long s = 0;
        for (long p : linePoints) {
            s += p;
        }
        return s;
    }

    public long total() {
        return linesTotal() + orderBonus;
    }
}
