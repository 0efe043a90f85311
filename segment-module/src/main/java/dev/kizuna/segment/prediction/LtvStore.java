package dev.kizuna.segment.prediction;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.segment.Purchases;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private static final int FETCH = 20_000;

    private final String currency;
    private final ZoneId zone;

    public LtvStore(String currency, ZoneId zone) {
        this.currency = currency;
        this.zone = zone;
    }

    /** One customer's purchase history in the model's terms; amounts in minor units. */
    public record PurchaseHistory(long memberId, int x, double tx, double t, double meanRepeatSpend, double meanSpend) {
    }

    /**
     * Every purchase as (member, day relative to the as-of day, net amount), in member order: the summaries are
     * folded from it in Java while it streams, which takes the database one ordered scan where grouping by member
     * and day in SQL took it two aggregations and a sort spilling to disk.
     */
    private static final String PURCHASES = """
            SELECT o.member_id, (o.submitted_at AT TIME ZONE ?)::date - ?::date AS day, %s AS amount
            FROM order_summary o JOIN member mb ON mb.id = o.member_id AND mb.erased_at IS NULL
            WHERE %s AND o.submitted_at <= ? AND o.currency = ? AND o.member_id > ? AND o.member_id <= ?
            ORDER BY o.member_id, o.submitted_at""".formatted(Purchases.netAmount("o"), Purchases.condition("o"));

    /**
     * Streams the history of every customer with a member id in ({@code after}, {@code last}] as of {@code asOf}, in
     * member-id order, through a server-side cursor, so the heap holds one fetch of purchases at a time however many
     * customers there are.
     */
    public void forEachHistory(Tx tx, Instant asOf, long after, long last, Consumer<PurchaseHistory> consumer) {
        try (PreparedStatement ps = tx.sql().connection().prepareStatement(PURCHASES)) {
            ps.setFetchSize(FETCH);
            ps.setString(1, zone.getId());
            ps.setObject(2, asOfDate(asOf));
            ps.setObject(3, java.time.OffsetDateTime.ofInstant(asOf, java.time.ZoneOffset.UTC));
            ps.setString(4, currency);
            ps.setLong(5, after);
            ps.setLong(6, last);
            HistoryFold fold = new HistoryFold(consumer);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fold.purchase(rs.getLong(1), rs.getInt(2), rs.getLong(3));
                }
            }
            fold.end();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read customer summaries: " + e.getMessage(), e);
        }
    }

    /** Every customer's history as of {@code asOf}; see {@link #forEachHistory(Tx, Instant, long, long, Consumer)}. */
    public void forEachHistory(Tx tx, Instant asOf, Consumer<PurchaseHistory> consumer) {
        forEachHistory(tx, asOf, Long.MIN_VALUE, Long.MAX_VALUE, consumer);
    }

    public LocalDate asOfDate(Instant asOf) {
        return asOf.atZone(zone).toLocalDate();
    }

    /** Histories of the members with ids in ({@code after}, {@code last}]. */
    public List<PurchaseHistory> histories(Tx tx, long after, long last, Instant asOf) {
        List<PurchaseHistory> out = new ArrayList<>();
        forEachHistory(tx, asOf, after, last, out::add);
        return out;
    }

    /**
     * Folds one member's purchases, arriving together, into the paper's summary: orders of one day are one
     * purchase with their amounts added; days are counted relative to the as-of day (0), so T is minus the first.
     */
    private static final class HistoryFold {
        private final Consumer<PurchaseHistory> consumer;
        private long member;
        private int[] days = new int[16];
        private long[] amounts = new long[16];
        private int size;

        HistoryFold(Consumer<PurchaseHistory> consumer) {
            this.consumer = consumer;
        }

        void purchase(long memberId, int day, long amount) {
            if (size > 0 && memberId != member) {
                end();
            }
            if (size == days.length) {
                days = Arrays.copyOf(days, size * 2);
                amounts = Arrays.copyOf(amounts, size * 2);
            }
            member = memberId;
            days[size] = day;
            amounts[size] = amount;
            size++;
        }

        void end() {
            if (size == 0) {
                return;
            }
            sortByDay();
            int purchaseDays = 0;
            long total = 0;
            long firstDay = 0;
            for (int i = 0; i < size; i++) {
                if (i == 0 || days[i] != days[i - 1]) {
                    purchaseDays++;
                }
                total += amounts[i];
                if (days[i] == days[0]) {
                    firstDay += amounts[i];
                }
            }
            int x = purchaseDays - 1;
            double meanRepeat = x == 0 ? 0 : (double) (total - firstDay) / x;
            consumer.accept(new PurchaseHistory(member, x, (days[size - 1] - days[0]) / 7.0, -days[0] / 7.0,
                    meanRepeat, (double) total / purchaseDays));
            size = 0;
        }

        /** Orders come by time, so their days are already in order but where a clock change turned the day back. */
        private void sortByDay() {
            for (int i = 1; i < size; i++) {
                int day = days[i];
                long amount = amounts[i];
                int j = i - 1;
                while (j >= 0 && days[j] > day) {
                    days[j + 1] = days[j];
                    amounts[j + 1] = amounts[j];
                    j--;
                }
                days[j + 1] = day;
                amounts[j + 1] = amount;
            }
        }
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

    /**
     * Makes {@code modelId}, which has scored every customer, the current model, and drops every other model's
     * predictions: those of customers scored again, and those of customers with no purchase any more.
     */
    public void markScored(Tx tx, long modelId, Instant at) {
        tx.sql().update("UPDATE ltv_model SET scored_at = ? WHERE id = ?", at, modelId);
        tx.sql().update("DELETE FROM ltv_score WHERE model_id <> ?", modelId);
    }

    // --- predictions ---

    /** One customer's predicted figures. */
    public record Prediction(long memberId, int x, double tx, double t, double meanRepeatSpend,
                             double expectedPurchases, double pAlive, double expectedSpend, long predictedValue,
                             int decile) {
    }

    /**
     * Adds a batch of predictions by {@code modelId} with one binary COPY. Each model writes rows of its own, so
     * nothing is updated in place: the readers follow the current model and {@link #markScored} drops the older
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
