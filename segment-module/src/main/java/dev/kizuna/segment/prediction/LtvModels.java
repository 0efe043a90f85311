package dev.kizuna.segment.prediction;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fitted LTV models with their history ({@code ltv_model}): one per {@code ltv-fit} run, current once it has
 * scored every customer.
 */
public final class LtvModels {
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

    private static Array doubles(Tx tx, Double[] values) {
        try {
            return tx.sql().connection().createArrayOf("float8", values);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build a float8 array: " + e.getMessage(), e);
        }
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
        return tx.sql().one("SELECT " + MODEL_COLUMNS + " FROM ltv_model WHERE run_id = ?", LtvModels::model, runId);
    }

    /** The model the current predictions come from: the newest one that finished scoring everyone. */
    public Optional<LtvModelRecord> current(Tx tx) {
        return tx.sql().one("SELECT " + MODEL_COLUMNS + " FROM ltv_model WHERE scored_at IS NOT NULL ORDER BY id DESC LIMIT 1",
                LtvModels::model);
    }

    /** Fitted models, newest first (including one still scoring). */
    public List<LtvModelRecord> models(Tx tx, int limit) {
        return tx.sql().list("SELECT " + MODEL_COLUMNS + " FROM ltv_model ORDER BY id DESC LIMIT ?", LtvModels::model, limit);
    }

    /**
     * Makes {@code modelId}, which has scored every customer, the current model, and drops every other model's
     * predictions: those of customers scored again, and those of customers with no purchase any more.
     */
    public void markScored(Tx tx, long modelId, Instant at) {
        tx.sql().update("UPDATE ltv_model SET scored_at = ? WHERE id = ?", at, modelId);
        tx.sql().update("DELETE FROM ltv_score WHERE model_id <> ?", modelId);
    }
}
