package dev.kizuna.segment.prediction;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.SqlCondition;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-customer LTV predictions ({@code ltv_score}) the {@code ltv-fit} job writes, one set per model, and what
 * segments and the console read of them: a customer's figures, the deciles, and the LTV segments' members. Readers
 * see the current model's rows only (see {@link LtvModels#current}). Customer summaries are read by
 * {@link CustomerHistories}.
 */
public final class LtvStore {
    /** One customer's predicted figures. */
    public record Prediction(long memberId, int x, double tx, double t, double meanRepeatSpend,
                             double expectedPurchases, double pAlive, double expectedSpend, long predictedValue,
                             int decile) {
    }

    /**
     * Adds a batch of predictions by {@code modelId} with one binary COPY. Each model writes rows of its own, so
     * nothing is updated in place: the readers follow the current model and {@link LtvModels#markScored} drops the older
     * models' rows once every customer has a row of the new one. The batch commits without waiting for the WAL
     * flush: a batch lost to a crash is redone from the checkpoint before it.
     */
    public void write(Tx tx, long modelId, List<Prediction> predictions) {
        if (predictions.isEmpty()) {
            return;
        }
        tx.sql().update("SET LOCAL synchronous_commit = off");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + predictions.size() * 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBytes("PGCOPY\n");
            out.write(new byte[] {(byte) 0xff, '\r', '\n', 0});
            out.writeInt(0); // flags
            out.writeInt(0); // header extension
            for (Prediction p : predictions) {
                out.writeShort(11);
                out.writeInt(8);
                out.writeLong(modelId);
                out.writeInt(8);
                out.writeLong(p.memberId());
                out.writeInt(4);
                out.writeInt(p.x());
                for (double d : new double[] {p.tx(), p.t(), p.meanRepeatSpend(), p.expectedPurchases(), p.pAlive(),
                        p.expectedSpend()}) {
                    out.writeInt(8);
                    out.writeDouble(d);
                }
                out.writeInt(8);
                out.writeLong(p.predictedValue());
                out.writeInt(2);
                out.writeShort(p.decile());
            }
            out.writeShort(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            CopyManager copy = tx.sql().connection().unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("""
                    COPY ltv_score (model_id, member_id, x, t_x, t_cal, mean_repeat_spend, expected_purchases, p_alive,
                                    expected_spend, predicted_value, decile) FROM STDIN (FORMAT binary)""",
                    new ByteArrayInputStream(bytes.toByteArray()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write predictions: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The predictions the readers see: those of the newest model that has scored every customer. */
    private static final String CURRENT = "model_id = (SELECT max(id) FROM ltv_model WHERE scored_at IS NOT NULL)";

    private static final String PREDICTION_COLUMNS = """
            member_id, x, t_x, t_cal, mean_repeat_spend, expected_purchases, p_alive, expected_spend, predicted_value, decile""";

    private static Prediction prediction(ResultSet rs) throws SQLException {
        return new Prediction(rs.getLong(1), rs.getInt(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getLong(9), rs.getInt(10));
    }

    public Optional<Prediction> prediction(Tx tx, long memberId) {
        return tx.sql().one("SELECT " + PREDICTION_COLUMNS + " FROM ltv_score WHERE " + CURRENT + " AND member_id = ?",
                LtvStore::prediction, memberId);
    }

    public Map<Long, Prediction> predictions(Tx tx, Long[] memberIds) {
        Map<Long, Prediction> out = new LinkedHashMap<>();
        for (Prediction p : tx.sql().list("SELECT " + PREDICTION_COLUMNS + " FROM ltv_score WHERE " + CURRENT
                + " AND member_id = ANY(?)",
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
                FROM ltv_score WHERE %s GROUP BY decile ORDER BY decile""".formatted(CURRENT),
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
                ? tx.sql().number("SELECT count(*) FROM ltv_score WHERE " + CURRENT + " AND member_id = ? AND decile = ?",
                memberId, segment.decile()) > 0
                : tx.sql().number("SELECT count(*) FROM ltv_score WHERE " + CURRENT
                + " AND member_id = ? AND x > 0 AND p_alive < ?", memberId, lapsedBelow) > 0;
    }

    /** The segment as a condition on the member alias {@code m} (audiences). */
    public SqlCondition condition(LtvSegment segment, double lapsedBelow) {
        return segment.kind() == LtvSegment.Kind.DECILE ? decileCondition(segment.decile(), segment.decile())
                : SqlCondition.of("EXISTS (SELECT 1 FROM ltv_score l WHERE l.member_id = m.id AND l." + CURRENT
                + " AND l.x > 0 AND l.p_alive < ?)", lapsedBelow);
    }

    public SqlCondition decileCondition(int from, int to) {
        return SqlCondition.of("EXISTS (SELECT 1 FROM ltv_score l WHERE l.member_id = m.id AND l." + CURRENT
                + " AND l.decile BETWEEN ? AND ?)", from, to);
    }

    public SqlCondition pAliveCondition(boolean below, double p) {
        return SqlCondition.of("EXISTS (SELECT 1 FROM ltv_score l WHERE l.member_id = m.id AND l." + CURRENT
                + " AND l.p_alive " + (below ? "<" : ">=") + " ?)", p);
    }

    public long size(Tx tx, LtvSegment segment, double lapsedBelow) {
        return segment.kind() == LtvSegment.Kind.DECILE
                ? tx.sql().number("SELECT count(*) FROM ltv_score WHERE " + CURRENT + " AND decile = ?", segment.decile())
                : tx.sql().number("SELECT count(*) FROM ltv_score WHERE " + CURRENT + " AND x > 0 AND p_alive < ?",
                lapsedBelow);
    }

    /** Member ids of the segment after {@code after}, ascending, skipping {@code offset} (keyset or page). */
    public List<Long> memberIds(Tx tx, LtvSegment segment, double lapsedBelow, long after, int offset, int limit) {
        return segment.kind() == LtvSegment.Kind.DECILE
                ? tx.sql().list("""
                SELECT member_id FROM ltv_score WHERE %s AND decile = ? AND member_id > ? ORDER BY member_id
                LIMIT ? OFFSET ?""".formatted(CURRENT),
                rs -> rs.getLong(1), segment.decile(), after, limit, offset)
                : tx.sql().list("""
                SELECT member_id FROM ltv_score WHERE %s AND x > 0 AND p_alive < ? AND member_id > ?
                ORDER BY member_id LIMIT ? OFFSET ?""".formatted(CURRENT), rs -> rs.getLong(1), lapsedBelow, after, limit,
                offset);
    }
}
