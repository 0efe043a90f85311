package dev.kizuna.segment.forecast;

import dev.kizuna.segment.ltv.BgNbdModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's expected orders and revenue over the coming weeks from a fitted BG/NBD model and a spend per purchase:
 * the customers already known (each one's conditional expectation, eq. 10 of Fader, Hardie and Lee 2005, times the
 * spend expected of them, summed), plus the customers still to come at the recent acquisition rate (each one's first
 * purchase and the repeat purchases the model expects of a new customer, eq. 9, in the weeks left after arrival).
 *
 * <p>An "order" is a purchase day, as the model counts them: several orders of one customer on one day are one.
 * Customers are summed by their summary in whole days (x, t<sub>x</sub>, T): customers with the same summary expect
 * the same, so a million customers cost as many model evaluations as they have distinct summaries.
 */
public final class SalesForecast {
    private static final double DAYS_PER_WEEK = 7.0;

    /** What a customer with x repeat purchases averaging {@code meanRepeatSpend} is expected to spend a purchase. */
    @FunctionalInterface
    public interface SpendPerPurchase {
        double expected(int x, double meanRepeatSpend);
    }

    /** One horizon's expected figures; orders are purchase days, revenue in the spend's unit. */
    public record Horizon(int weeks, double existingOrders, double existingRevenue, double newCustomers,
                          double newOrders, double newRevenue) {
        public double orders() {
            return existingOrders + newOrders;
        }

        public double revenue() {
            return existingRevenue + newRevenue;
        }
    }

    /** Expected purchase days in one week (1 = the week after the as-of day) from known and from new customers. */
    public record Week(int week, double existingOrders, double newOrders, double revenue) {
        public double orders() {
            return existingOrders + newOrders;
        }
    }

    private record Key(int x, int recencyDays, int ageDays) {
    }

    private static final class Group {
        long customers;
        double spend;
    }

    private final BgNbdModel model;
    private final SpendPerPurchase repeatSpend;
    private final double firstPurchaseSpend;
    private final int acquisitionWeeks;
    private final Map<Key, Group> groups = new HashMap<>();
    private long recentFirstPurchases;

    /**
     * @param firstPurchaseSpend what a new customer's first purchase is expected to bring
     * @param acquisitionWeeks   how many weeks before the as-of day the acquisition rate is measured over
     */
    public SalesForecast(BgNbdModel model, SpendPerPurchase repeatSpend, double firstPurchaseSpend,
                         int acquisitionWeeks) {
        if (acquisitionWeeks < 1) {
            throw new IllegalArgumentException("acquisitionWeeks must be at least 1");
        }
        this.model = model;
        this.repeatSpend = repeatSpend;
        this.firstPurchaseSpend = firstPurchaseSpend;
        this.acquisitionWeeks = acquisitionWeeks;
    }

    /** Adds a customer by summary (weeks, as {@code CustomerSummary}); the spend is ignored when x = 0. */
    public void add(int x, double recencyWeeks, double ageWeeks, double meanRepeatSpend) {
        int ageDays = (int) Math.round(ageWeeks * DAYS_PER_WEEK);
        Group g = groups.computeIfAbsent(new Key(x, (int) Math.round(recencyWeeks * DAYS_PER_WEEK), ageDays),
                k -> new Group());
        g.customers++;
        g.spend += repeatSpend.expected(x, x > 0 ? meanRepeatSpend : 0);
        if (ageDays < acquisitionWeeks * DAYS_PER_WEEK) {
            recentFirstPurchases++;
        }
    }

    /** New customers a week: first purchases in the acquisition window divided by its weeks. */
    public double acquisitionPerWeek() {
        return (double) recentFirstPurchases / acquisitionWeeks;
    }

    public Horizon horizon(int weeks) {
        double orders = 0;
        double revenue = 0;
        for (Map.Entry<Key, Group> e : groups.entrySet()) {
            double expected = expected(e.getKey(), weeks);
            orders += e.getValue().customers * expected;
            revenue += e.getValue().spend * expected;
        }
        double arrivals = acquisitionPerWeek() * weeks;
        double newOrders = newCustomerOrders(weeks);
        double newRepeat = newOrders - arrivals;
        return new Horizon(weeks, orders, revenue, arrivals, newOrders,
                arrivals * firstPurchaseSpend + newRepeat * repeatSpend.expected(0, 0));
    }

    /** The forecast week by week for {@code weeks} weeks. */
    public List<Week> weekly(int weeks) {
        double[] existing = new double[weeks + 1];
        double[] revenue = new double[weeks + 1];
        for (Map.Entry<Key, Group> e : groups.entrySet()) {
            double previous = 0;
            for (int w = 1; w <= weeks; w++) {
                double cumulative = expected(e.getKey(), w);
                existing[w] += e.getValue().customers * (cumulative - previous);
                revenue[w] += e.getValue().spend * (cumulative - previous);
                previous = cumulative;
            }
        }
        List<Week> out = new ArrayList<>(weeks);
        double previousNew = 0;
        double perWeek = acquisitionPerWeek();
        for (int w = 1; w <= weeks; w++) {
            double cumulativeNew = newCustomerOrders(w);
            double newOrders = cumulativeNew - previousNew;
            double newRepeat = newOrders - perWeek;
            out.add(new Week(w, existing[w], newOrders,
                    revenue[w] + perWeek * firstPurchaseSpend + newRepeat * repeatSpend.expected(0, 0)));
            previousNew = cumulativeNew;
        }
        return out;
    }

    private double expected(Key k, int weeks) {
        return model.expectedPurchases(k.x(), k.recencyDays() / DAYS_PER_WEEK, k.ageDays() / DAYS_PER_WEEK, weeks);
    }

    /**
     * Purchase days by the end of week {@code weeks} of the customers arriving from now on: those of each week
     * arrive in its middle, make their first purchase and then as many repeat purchases as eq. 9 expects of a new
     * customer in the time left.
     */
    private double newCustomerOrders(int weeks) {
        double perWeek = acquisitionPerWeek();
        double total = 0;
        for (int j = 1; j <= weeks; j++) {
            total += perWeek * (1 + model.expectedPurchases(0, 0, 0, weeks - j + 0.5));
        }
        return total;
    }
}
