package dev.kizuna.segment;

import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.segment.prediction.LtvModelRecord;
import dev.kizuna.segment.prediction.SalesForecasts;
import dev.kizuna.segment.rfm.RfmSegmentDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the segments feature shows: segment sizes and members, the RFM grid and definitions, movements between RFM
 * segments, the fitted LTV model and its deciles, and one customer's scores for the 360° page. Provided through
 * {@code ctx.ports()} for the console; the {@code /crm/api/segments/**}, {@code /crm/api/ltv/**} and
 * {@code /crm/api/customers/{id}/segments} routes answer with the same records. Money is in minor units of the
 * shop currency; member rows carry personal data, which the console masks for roles that may not see it.
 */
public interface SegmentQueries {

    /** A segment with its current size. {@code kind} is {@code rfm}, {@code behaviour} or {@code ltv}. */
    record SegmentSize(String key, String kind, LocalizedText name, long members) {
    }

    /** All listed segments; when RFM and LTV were last computed (null: never). */
    record Sizes(List<SegmentSize> segments, Instant rfmScoredAt, Instant ltvScoredAt) {
    }

    /** A member's RFM figures and scores (1–5; FM is the rounded mean of F and M) and segment. */
    record RfmFigures(Instant lastOrderAt, int recencyDays, int frequency, long monetary, int r, int f, int m, int fm,
                      String segmentKey, LocalizedText segmentName, Instant segmentSince,
                      Instant scoredAt) {
    }

    /**
     * A customer's predictions: purchases expected over the horizon, probability of being still active, expected spend
     * per purchase, predicted value over the horizon, decile (1 = top tenth), and the summary they came from
     * ({@code x} repeat purchase days, {@code tx} and {@code t} in weeks).
     */
    record LtvFigures(double expectedPurchases, double pAlive, double expectedSpend, long predictedValue, int decile,
                      int horizonWeeks, int x, double tx, double t) {
    }

    record MemberRow(long memberId, String customerRef, String displayName, String email, String locale,
                     RfmFigures rfm, LtvFigures ltv) {
    }

    /** One page of a segment's members, by member id; {@code nextAfter} continues after this page. */
    record MemberPage(String key, LocalizedText name, long total, int page, int size, Long nextAfter,
                      List<MemberRow> members) {
    }

    /** Members in one cell of the R × FM grid, and the segment the cell belongs to. */
    record GridCell(int r, int fm, long members, String segmentKey) {
    }

    /** Members in one cell of the R × F grid. */
    record RfCell(int r, int f, long members) {
    }

    record RfmGrid(List<GridCell> cells, List<RfCell> rfCells, long scored, List<RfmSegmentDefinition> segments,
                   Instant scoredAt) {
    }

    /** A change of RFM segment; a null {@code from} is a member entering, a null {@code to} one leaving. */
    record MovementRow(long memberId, String customerRef, String displayName, String from, String to, Instant movedAt) {
    }

    record Movements(String from, String to, Instant since, long total, int page, int size, List<MovementRow> movements) {
    }

    record MovementCount(String from, String to, long members) {
    }

    /** The model behind the current predictions and the fits before it, newest first. */
    record LtvModel(LtvModelRecord current, List<LtvModelRecord> history) {
    }

    record LtvDecile(int decile, long customers, long predictedValue, long minPredictedValue, long maxPredictedValue,
                     double meanExpectedPurchases, double meanPAlive) {
    }

    record LtvDeciles(Instant scoredAt, int horizonWeeks, List<LtvDecile> deciles) {
    }

    record SegmentRef(String key, LocalizedText name) {
    }

    /** Everything segments know about one customer, for the 360° page. */
    record CustomerSegments(String customerRef, long memberId, RfmFigures rfm, LtvFigures ltv,
                            List<SegmentRef> segments, List<MovementRow> history) {
    }

    /**
     * The current model's sales forecast: expected purchase days and revenue for each horizon from known and new
     * customers, and its back-test week by week (empty when the run made none). Null model: never fitted.
     */
    record SalesForecastView(LtvModelRecord model, List<SalesForecasts.HorizonRow> horizons,
                             List<SalesForecasts.BacktestWeek> backtest) {
    }

    Sizes sizes();

    /** A page (1-based) of a segment's members, or the page after member id {@code after} when given. */
    MemberPage members(String key, int page, int size, Long after);

    /** The whole segment as CSV (header row first), for export. */
    String membersCsv(String key);

    RfmGrid rfmGrid();

    List<RfmSegmentDefinition> rfmDefinitions();

    /**
     * Movements since {@code since}, newest first; {@code from}/{@code to} filter by RFM segment key (with or without
     * the {@code rfm:} prefix; {@code none} for entering/leaving), null for any.
     */
    Movements movements(String from, String to, Instant since, int page, int size);

    List<MovementCount> movementCounts(Instant since);

    LtvModel ltvModel(int historyLimit);

    LtvDeciles ltvDeciles();

    SalesForecastView salesForecast();

    Optional<CustomerSegments> customer(String customerRef);
}
