package dev.kizuna.segment.prediction;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.segment.Purchases;
import dev.kizuna.segment.forecast.SalesForecast;
import dev.kizuna.segment.ltv.BgNbdFitter;
import dev.kizuna.segment.ltv.BgNbdModel;
import dev.kizuna.segment.ltv.CustomerSummary;
import dev.kizuna.segment.ltv.GammaGammaFitter;
import dev.kizuna.segment.ltv.GammaGammaModel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sales forecast of each fitted model ({@code ltv_forecast}) and its back-test ({@code ltv_backtest_week}),
 * written by {@code ltv-fit} next to the model and read by the console and the API.
 */
public final class SalesForecasts {
    /** Weeks ahead the forecast is given for. */
    public static final List<Integer> HORIZONS = List.of(4, 13, 52);
    /** Weeks before the as-of day whose first purchases give the acquisition rate. */
    static final int ACQUISITION_WEEKS = 13;

    private final String currency;
    private final ZoneId zone;

    public SalesForecasts(String currency, ZoneId zone) {
        this.currency = currency;
        this.zone = zone;
    }

    /** One stored horizon: the totals and their parts from known and from new customers. */
    public record HorizonRow(int weeks, double orders, double revenue, double existingOrders, double existingRevenue,
                             double newCustomers, double newOrders, double newRevenue) {
        static HorizonRow of(int weeks, double existingOrders, double existingRevenue, double newCustomers,
                             double newOrders, double newRevenue) {
            return new HorizonRow(weeks, existingOrders + newOrders, existingRevenue + newRevenue, existingOrders,
                    existingRevenue, newCustomers, newOrders, newRevenue);
        }
    }

    /** One back-tested week: forecast and actual purchase days (known and new customers) and revenue. */
    public record BacktestWeek(int week, LocalDate weekStart, double forecastOrders, long actualOrders,
                               double forecastExisting, double forecastNew, double forecastRevenue,
                               long actualExisting, long actualNew, long actualRevenue) {
        static BacktestWeek of(int week, LocalDate weekStart, double forecastExisting, double forecastNew,
                               double forecastRevenue, long actualExisting, long actualNew, long actualRevenue) {
            return new BacktestWeek(week, weekStart, forecastExisting + forecastNew, actualExisting + actualNew,
                    forecastExisting, forecastNew, forecastRevenue, actualExisting, actualNew, actualRevenue);
        }
    }

    /** The forecast of a customer base under a model's purchase and spend predictions. */
    static SalesForecast forecastOf(CustomerBase base, BgNbdModel purchases, LtvPredictor spend) {
        SalesForecast forecast = new SalesForecast(purchases, spend::spendPerPurchase, base.meanSpend(),
                ACQUISITION_WEEKS);
        for (int i = 0; i < base.size(); i++) {
            forecast.add(base.x(i), base.tx(i), base.t(i), base.meanRepeatSpend(i));
        }
        return forecast;
    }

    void saveHorizons(Tx tx, long modelId, SalesForecast forecast) {
        List<Object[]> rows = new ArrayList<>();
        for (int weeks : HORIZONS) {
            SalesForecast.Horizon h = forecast.horizon(weeks);
            rows.add(new Object[] {modelId, weeks, h.existingOrders(), h.existingRevenue(), h.newCustomers(),
                    h.newOrders(), h.newRevenue()});
        }
        tx.sql().batch("""
                INSERT INTO ltv_forecast (model_id, horizon_weeks, existing_orders, existing_revenue, new_customers,
                                          new_orders, new_revenue) VALUES (?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    /**
     * Fits the models again on the history up to the cutoff day ({@code weeks} whole weeks before the day before
     * {@code asOf}, so every back-tested week is a complete one), forecasts each following week and stores it beside
     * what happened. Returns the weeks stored, or empty when the history before the cutoff cannot be fitted.
     */
    Optional<Integer> backTest(Database db, CustomerHistories customers, long modelId, Instant asOf, int weeks,
                               int fitSample) {
        LocalDate lastDay = asOf.atZone(zone).toLocalDate().minusDays(1);
        LocalDate cutoffDay = lastDay.minusDays(7L * weeks);
        // the end of the cutoff day: a history read as of it holds the purchases of that day and none after
        Instant cutoff = cutoffDay.plusDays(1).atStartOfDay(zone).toInstant().minus(1, ChronoUnit.MICROS);
        CustomerBase base = new CustomerBase();
        db.execute(tx -> customers.forEachHistory(tx, cutoff, base::add));
        if (base.size() == 0) {
            return Optional.empty();
        }
        List<CustomerSummary> sample = base.sample(fitSample);
        BgNbdModel purchases;
        try {
            purchases = BgNbdFitter.fit(sample).model();
        } catch (InvalidInput | ArithmeticException e) {
            return Optional.empty();
        }
        GammaGammaModel gg;
        try {
            gg = GammaGammaFitter.fit(sample).model();
        } catch (InvalidInput | ArithmeticException e) {
            gg = null;
        }
        LtvPredictor spend = new LtvPredictor(purchases, gg, base.meanSpend(), weeks);
        List<SalesForecast.Week> forecast = forecastOf(base, purchases, spend).weekly(weeks);
        db.execute(tx -> {
            long[][] actual = actualWeeks(tx, cutoffDay, cutoff, weeks);
            List<Object[]> rows = new ArrayList<>();
            for (SalesForecast.Week w : forecast) {
                long[] a = actual[w.week() - 1];
                rows.add(new Object[] {modelId, w.week(), cutoffDay.plusDays(7L * (w.week() - 1) + 1),
                        w.existingOrders(), w.newOrders(), w.revenue(), a[0], a[1], a[2]});
            }
            tx.sql().batch("""
                    INSERT INTO ltv_backtest_week (model_id, week, week_start, forecast_existing, forecast_new,
                                                   forecast_revenue, actual_existing, actual_new, actual_revenue)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        });
        return Optional.of(weeks);
    }

    /**
     * Purchase days after the cutoff day by week (days 1–7 are week 1), split into those of customers who had bought
     * by the cutoff and those who first bought after it, and the net revenue, as the summaries count them: a
     * customer's orders of one day are one purchase.
     */
    private long[][] actualWeeks(Tx tx, LocalDate cutoffDay, Instant cutoff, int weeks) {
        long[][] out = new long[weeks][3];
        Instant end = cutoffDay.plusDays(7L * weeks + 1).atStartOfDay(zone).toInstant();
        tx.sql().list("""
                WITH days AS (
                    SELECT o.member_id, (o.submitted_at AT TIME ZONE ?)::date - ?::date AS day, sum(%s) AS amount
                    FROM order_summary o JOIN member mb ON mb.id = o.member_id AND mb.erased_at IS NULL
                    WHERE %s AND o.currency = ? AND o.submitted_at > ? AND o.submitted_at < ?
                    GROUP BY 1, 2)
                SELECT (d.day - 1) / 7 + 1 AS week,
                       count(*) FILTER (WHERE known.member_id IS NOT NULL),
                       count(*) FILTER (WHERE known.member_id IS NULL),
                       coalesce(sum(d.amount), 0)
                FROM days d
                LEFT JOIN LATERAL (SELECT o.member_id FROM order_summary o
                                   WHERE o.member_id = d.member_id AND %s AND o.currency = ? AND o.submitted_at <= ?
                                   LIMIT 1) known ON true
                WHERE d.day >= 1
                GROUP BY 1""".formatted(Purchases.netAmount("o"), Purchases.condition("o"), Purchases.condition("o")),
                rs -> {
                    int week = rs.getInt(1);
                    if (week >= 1 && week <= weeks) {
                        out[week - 1][0] = rs.getLong(2);
                        out[week - 1][1] = rs.getLong(3);
                        out[week - 1][2] = rs.getLong(4);
                    }
                    return week;
                }, zone.getId(), cutoffDay, currency, utc(cutoff), utc(end), currency, utc(cutoff));
        return out;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public List<HorizonRow> horizons(Tx tx, long modelId) {
        return tx.sql().list("""
                SELECT horizon_weeks, existing_orders, existing_revenue, new_customers, new_orders, new_revenue
                FROM ltv_forecast WHERE model_id = ? ORDER BY horizon_weeks""",
                rs -> HorizonRow.of(rs.getInt(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6)), modelId);
    }

    public List<BacktestWeek> backtest(Tx tx, long modelId) {
        return tx.sql().list("""
                SELECT week, week_start, forecast_existing, forecast_new, forecast_revenue, actual_existing, actual_new,
                       actual_revenue
                FROM ltv_backtest_week WHERE model_id = ? ORDER BY week""",
                rs -> BacktestWeek.of(rs.getInt(1), rs.getObject(2, LocalDate.class), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)), modelId);
    }
}
