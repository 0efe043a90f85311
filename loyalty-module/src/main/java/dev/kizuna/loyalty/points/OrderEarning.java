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
        int n = lines.size();
        long[] redeemed = spread(pointsRedeemed, lines);
        long[] points = new long[n];
        Set<Long> used = new LinkedHashSet<>();
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
        used.remove(null);
        return new OrderEarning(points, redeemed, firstOrder ? rules.firstOrderBonus() : 0, new ArrayList<>(used));
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
