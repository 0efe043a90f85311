package dev.kizuna.segment.prediction;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.segment.Purchases;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * LTV in SQL: customer summaries computed by the database from the order mirror (never loading orders into Java),
 * fitted models with their history, and the per-customer predictions the {@code ltv-fit} job writes.
 *
 * <p>Summaries follow Fader, Hardie &amp; Lee: a customer's purchases are grouped by day in the shop's calendar (several
 * orders on one day are one transaction with their amounts added), {@code x} is the number of days with a purchase
 * after the first, {@code t_x} the weeks from the first to the last such day, {@code T} the weeks from the first to the
 * as-of day, and the mean repeat spend averages the repeat days' amounts (the first day left out, as Gamma-Gamma
 * models repeat spend). Only purchases in the shop currency count, net of returns.
 */
public final class LtvStore {
    private static final int FETCH = 5_000;

    private final String currency;
    private final ZoneId zone;

    public LtvStore(String currency, ZoneId zone) {
        this.currency = currency;
        this.zone = zone;
    }

    /** One customer's purchase history in the model's terms; amounts in minor units. */
    public record PurchaseHistory(long memberId, int x, double tx, double t, double meanRepeatSpend, double meanSpend) {
    }

    private static final String HISTORIES = """
            SELECT member_id,
                   count(*) - 1 AS x,
                   (max(day) - min(day)) / 7.0::float8 AS t_x,
                   (?::date - min(day)) / 7.0::float8 AS t_cal,
                   coalesce((sum(amount) - (array_agg(amount ORDER BY day))[1])::float8 / nullif(count(*) - 1, 0), 0) AS mean_repeat,
                   sum(amount)::float8 / count(*) AS mean_spend
            FROM (SELECT o.member_id, (o.submitted_at AT TIME ZONE ?)::date AS day, sum(%s) AS amount
                  FROM order_summary o JOIN member mb ON mb.id = o.member_id AND mb.erased_at IS NULL
                  WHERE %s AND o.submitted_at <= ? AND o.currency = ? %%s
                  GROUP BY o.member_id, day) d
            GROUP BY member_id""".formatted(Purchases.netAmount("o"), Purchases.condition("o"));

    private static PurchaseHistory history(ResultSet rs) throws SQLException {
        return new PurchaseHistory(rs.getLong(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                rs.getDouble(6));
    }

    /**
     * Streams every customer's history as of {@code asOf} through a server-side cursor, so the heap holds one fetch
     * of rows at a time however many customers there are.
     */
    public void forEachHistory(Tx tx, Instant asOf, Consumer<PurchaseHistory> consumer) {
        String sql = HISTORIES.formatted("");
        tx.sql().update("SET LOCAL work_mem = '64MB'");
        try (PreparedStatement ps = tx.sql().connection().prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            bindHistory(ps, asOf);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(history(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read customer summaries: " + e.getMessage(), e);
        }
    }

    private void bindHistory(PreparedStatement ps, Instant asOf) throws SQLException {
        ps.setObject(1, asOfDate(asOf));
        ps.setString(2, zone.getId());
        ps.setObject(3, java.time.OffsetDateTime.ofInstant(asOf, java.time.ZoneOffset.UTC));
        ps.setString(4, currency);
    }

    public LocalDate asOfDate(Instant asOf) {
        return asOf.atZone(zone).toLocalDate();
    }

    /** Histories of the members with ids in ({@code after}, {@code last}]. */
    public List<PurchaseHistory> histories(Tx tx, long after, long last, Instant asOf) {
        return tx.sql().list(HISTORIES.formatted("AND o.member_id > ? AND o.member_id <= ?"), LtvStore::history,
                asOfDate(asOf), zone.getId(), asOf, currency, after, last);
    }

    /** The next batch of member ids after {@code after}: how many (at most {@code limit}) and the last. */
    public record KeyRange(long count, long last) {
    }

    public Optional<KeyRange> nextMembers(Tx tx, long after, int limit) {
        return tx.sql().one("""
                SELECT count(*), max(id) FROM (SELECT id FROM member WHERE id > ? ORDER BY id LIMIT ?) k""",
                rs -> rs.getLong(1) == 0 ? null : new KeyRange(rs.getLong(1), rs.getLong(2)), after, limit);
    }

    public long memberCount(Tx tx) {
        return tx.sql().number("SELECT count(*) FROM member");
    }

    // --- models ---

    /** What a fit produced, before it is stored. */
    public record NewModel(long runId, Instant asOf, Instant fittedAt, long customers, long repeatCustomers,
                           long population, int horizonWeeks, double r, double alpha, double a, double b,
                           double logLikelihood, Double p, Double q, Double gamma, Double gammaGammaLogLikelihood,
                           double meanSpend, DecileBounds bounds, long fitMillis) {
    }

    public long saveModel(Tx tx, NewModel m) {
        Double[] edges = m.bounds().edges().toArray(new Double[0]);
        Array array = doubles(tx, edges);
        return tx.sql().one("""
                INSERT INTO ltv_model (run_id, as_of, fitted_at, customers, repeat_customers, population, horizon_weeks,
                                       r, alpha, a, b, loglik, p, q, gamma, gg_loglik, mean_spend, decile_bounds, fit_millis)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1),
                m.runId(), m.asOf(), m.fittedAt(), m.customers(), m.repeatCustomers(), m.population(),
                m.horizonWeeks(), m.r(), m.alpha(), m.a(), m.b(), m.logLikelihood(), m.p(), m.q(), m.gamma(),
                m.gammaGammaLogLikelihood(), m.meanSpend(), array, m.fitMillis()).orElseThrow();
    }

    private static final String MODEL_COLUMNS = """
            id, run_id, as_of, fitted_at, customers, repeat_customers, population, horizon_weeks, r, alpha, a, b, loglik,
            p, q, gamma, gg_loglik, mean_spend, decile_bounds, fit_millis, scored_at""";

    private static LtvModelRecord model(ResultSet rs) throws SQLException {
        long runId = rs.getLong(2);
        Long run = rs.wasNull() ? null : runId;
        Double[] edges = (Double[]) rs.getArray(19).getArray();
        return new LtvModelRecord(rs.getLong(1), run, Sql.instant(rs, "as_of"), Sql.instant(rs, "fitted_at"),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getInt(8), rs.getDouble(9), rs.getDouble(10),
                rs.getDouble(11), rs.getDouble(12), rs.getDouble(13), nullableDouble(rs, 14), nullableDouble(rs, 15),
                nullableDouble(rs, 16), nullableDouble(rs, 17), rs.getDouble(18), List.of(edges), rs.getLong(20),
                Sql.instant(rs, "scored_at"));
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    public Optional<LtvModelRecord> modelOfRun(Tx tx, long runId) {
        return tx.sql().one("SELECT " + MODEL_COLUMNS + " FROM ltv_model WHERE run_id = ?", LtvStore::model, runId);
    }

    /** The model the current predictions come from: the newest one that finished scoring everyone. */
    public Optional<LtvModelRecord> current(Tx tx) {
        return tx.sql().one("SELECT " + MODEL_COLUMNS + " FROM ltv_model WHERE scored_at IS NOT NULL ORDER BY id DESC LIMIT 1",
                LtvStore::model);
    }

    /** Fitted models, newest first (including one still scoring). */
    public List<LtvModelRecord> models(Tx tx, int limit) {
        return tx.sql().list("SELECT " + MODEL_COLUMNS + " FROM ltv_model ORDER BY id DESC LIMIT ?", LtvStore::model, limit);
    }

    public void markScored(Tx tx, long modelId, Instant at) {
        tx.sql().update("UPDATE ltv_model SET scored_at = ? WHERE id = ?", at, modelId);
    }

    // --- predictions ---

    /** One customer's predicted figures. */
    public record Prediction(long memberId, int x, double tx, double t, double meanRepeatSpend,
                             double expectedPurchases, double pAlive, double expectedSpend, long predictedValue,
                             int decile) {
    }

    /** Writes a batch of predictions by {@code modelId} in one statement over arrays. */
    public void write(Tx tx, long modelId, List<Prediction> predictions) {
        if (predictions.isEmpty()) {
            return;
        }
        int n = predictions.size();
        Long[] ids = new Long[n];
        Integer[] xs = new Integer[n];
        Double[] txs = new Double[n];
        Double[] ts = new Double[n];
        Double[] repeat = new Double[n];
        Double[] expected = new Double[n];
        Double[] alive = new Double[n];
        Double[] spend = new Double[n];
        Long[] value = new Long[n];
        Integer[] decile = new Integer[n];
        for (int i = 0; i < n; i++) {
            Prediction p = predictions.get(i);
            ids[i] = p.memberId();
            xs[i] = p.x();
            txs[i] = p.tx();
            ts[i] = p.t();
            repeat[i] = p.meanRepeatSpend();
            expected[i] = p.expectedPurchases();
            alive[i] = p.pAlive();
            spend[i] = p.expectedSpend();
            value[i] = p.predictedValue();
            decile[i] = p.decile();
        }
        tx.sql().update("""
                INSERT INTO ltv_score (member_id, model_id, x, t_x, t_cal, mean_repeat_spend, expected_purchases, p_alive,
                                       expected_spend, predicted_value, decile)
                SELECT u.member_id, ?, u.x, u.t_x, u.t_cal, u.mean_repeat, u.expected, u.alive, u.spend, u.value, u.decile
                FROM unnest(?::bigint[], ?::int[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],
                            ?::float8[], ?::bigint[], ?::int[])
                     AS u(member_id, x, t_x, t_cal, mean_repeat, expected, alive, spend, value, decile)
                ON CONFLICT (member_id) DO UPDATE SET
                    model_id = EXCLUDED.model_id, x = EXCLUDED.x, t_x = EXCLUDED.t_x, t_cal = EXCLUDED.t_cal,
                    mean_repeat_spend = EXCLUDED.mean_repeat_spend, expected_purchases = EXCLUDED.expected_purchases,
                    p_alive = EXCLUDED.p_alive, expected_spend = EXCLUDED.expected_spend,
                    predicted_value = EXCLUDED.predicted_value, decile = EXCLUDED.decile""",
                modelId, tx.sql().longArray(ids), array(tx, "int", xs), doubles(tx, txs), doubles(tx, ts),
                doubles(tx, repeat), doubles(tx, expected), doubles(tx, alive), doubles(tx, spend),
                tx.sql().longArray(value), array(tx, "int", decile));
    }

    /** Drops predictions of members in ({@code after}, {@code last}] that this model did not score (no purchase now). */
    public long removeUnscored(Tx tx, long after, long last, long modelId) {
        return tx.sql().update("DELETE FROM ltv_score WHERE member_id > ? AND member_id <= ? AND model_id <> ?",
                after, last, modelId);
    }

    private static Array doubles(Tx tx, Double[] values) {
        return array(tx, "float8", values);
    }

    private static Array array(Tx tx, String type, Object[] values) {
        try {
            return tx.sql().connection().createArrayOf(type, values);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build a " + type + " array: " + e.getMessage(), e);
        }
    }

    private static final String PREDICTION_COLUMNS = """
            member_id, x, t_x, t_cal, mean_repeat_spend, expected_purchases, p_alive, expected_spend, predicted_value, decile""";

    private static Prediction prediction(ResultSet rs) throws SQLException {
        return new Prediction(rs.getLong(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getLong(9), rs.getInt(10));
    }

    public Optional<Prediction> prediction(Tx tx, long memberId) {
        return tx.sql().one("SELECT " + PREDICTION_COLUMNS + " FROM ltv_score WHERE member_id = ?",
                LtvStore::prediction, memberId);
    }

    public Map<Long, Prediction> predictions(Tx tx, Long[] memberIds) {
        Map<Long, Prediction> out = new LinkedHashMap<>();
        for (Prediction p : tx.sql().list("SELECT " + PREDICTION_COLUMNS + " FROM ltv_score WHERE member_id = ANY(?)",
                LtvStore::prediction, tx.sql().longArray(memberIds))) {
            out.put(p.memberId(), p);
        }
        return out;
    }

    /** Figures of one decile of the current predictions. */
    public record Decile(int decile, long customers, long predictedValue, long minPredictedValue,
                         long maxPredictedValue, double meanExpectedPurchases, double meanPAlive) {
    }

    public List<Decile> deciles(Tx tx) {
        List<Decile> found = tx.sql().list("""
                SELECT decile, count(*), sum(predicted_value), min(predicted_value), max(predicted_value),
                       avg(expected_purchases), avg(p_alive)
                FROM ltv_score GROUP BY decile ORDER BY decile""",
                rs -> new Decile(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getDouble(6), rs.getDouble(7)));
        List<Decile> all = new ArrayList<>(Arrays.asList(new Decile[10]));
        for (int k = 1; k <= 10; k++) {
            all.set(k - 1, new Decile(k, 0, 0, 0, 0, 0, 0));
        }
        for (Decile d : found) {
            all.set(d.decile() - 1, d);
        }
        return all;
    }

    public boolean inSegment(Tx tx, long memberId, LtvSegment segment, double lapsedBelow) {
        return segment.kind() == LtvSegment.Kind.DECILE
                ? tx.sql().number("SELECT count(*) FROM ltv_score WHERE member_id = ? AND decile = ?", memberId,
                segment.decile()) > 0
                : tx.sql().number("SELECT count(*) FROM ltv_score WHERE member_id = ? AND x > 0 AND p_alive < ?",
                memberId, lapsedBelow) > 0;
    }

    public long size(Tx tx, LtvSegment segment, double lapsedBelow) {
        return segment.kind() == LtvSegment.Kind.DECILE
                ? tx.sql().number("SELECT count(*) FROM ltv_score WHERE decile = ?", segment.decile())
                : tx.sql().number("SELECT count(*) FROM ltv_score WHERE x > 0 AND p_alive < ?", lapsedBelow);
    }

    /** Member ids of the segment after {@code after}, ascending, skipping {@code offset} (keyset or page). */
    public List<Long> memberIds(Tx tx, LtvSegment segment, double lapsedBelow, long after, int offset, int limit) {
        return segment.kind() == LtvSegment.Kind.DECILE
                ? tx.sql().list("""
                SELECT member_id FROM ltv_score WHERE decile = ? AND member_id > ? ORDER BY member_id LIMIT ? OFFSET ?""",
                rs -> rs.getLong(1), segment.decile(), after, limit, offset)
                : tx.sql().list("""
                SELECT member_id FROM ltv_score WHERE x > 0 AND p_alive < ? AND member_id > ? ORDER BY member_id
                LIMIT ? OFFSET ?""", rs -> rs.getLong(1), lapsedBelow, after, limit, offset);
    }
}
