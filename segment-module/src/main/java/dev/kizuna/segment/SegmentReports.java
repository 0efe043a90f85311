package dev.kizuna.segment;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.segment.behaviour.BehaviourSegment;
import dev.kizuna.segment.behaviour.BehaviourStore;
import dev.kizuna.segment.prediction.LtvModelRecord;
import dev.kizuna.segment.prediction.LtvModels;
import dev.kizuna.segment.prediction.LtvSegment;
import dev.kizuna.segment.prediction.LtvStore;
import dev.kizuna.segment.prediction.SalesForecasts;
import dev.kizuna.segment.rfm.RfmScoringJob;
import dev.kizuna.segment.rfm.RfmSegmentDefinition;
import dev.kizuna.segment.rfm.RfmSegmentMap;
import dev.kizuna.segment.rfm.RfmStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link SegmentQueries} the API and console read: segment sizes, the RFM grid and movements, the LTV model and
 * deciles, and one customer's segments; a segment's members come from {@link SegmentMembers}, its export from
 * {@link SegmentExport}.
 */
final class SegmentReports implements SegmentQueries {
    private static final int MEMBER_HISTORY = 20;

    private final Database db;
    private final ShopClock clock;
    private final Segments segments;
    private final SegmentMembers members;
    private final SegmentExport export;
    private final RfmStore rfm;
    private final BehaviourStore behaviour;
    private final LtvStore ltv;
    private final LtvModels models;
    private final MemberStore memberStore;
    private final SalesForecasts forecasts;

    SegmentReports(Database db, ShopClock clock, Segments segments, RfmStore rfm, BehaviourStore behaviour, LtvStore ltv,
                   LtvModels models, SalesForecasts forecasts, MemberStore memberStore) {
        this.forecasts = forecasts;
        this.memberStore = memberStore;
        this.db = db;
        this.clock = clock;
        this.segments = segments;
        this.rfm = rfm;
        this.behaviour = behaviour;
        this.ltv = ltv;
        this.models = models;
        this.members = new SegmentMembers(db, clock, segments, rfm, ltv, models, memberStore);
        this.export = new SegmentExport(db, clock, segments, members);
    }

    @Override
    public Sizes sizes() {
        Instant now = clock.instant();
        return db.inTransaction(tx -> new Sizes(segments.listedSizes(tx, now), lastSuccess(tx, RfmScoringJob.NAME),
                models.current(tx).map(LtvModelRecord::scoredAt).orElse(null)));
    }

    private static Instant lastSuccess(Tx tx, String job) {
        return tx.sql().one("""
                SELECT as_of FROM job_run WHERE job_name = ? AND status = ? ORDER BY id DESC LIMIT 1""",
                rs -> rs.getTimestamp(1).toInstant(), job, JobRunStatus.SUCCEEDED).orElse(null);
    }

    @Override
    public MemberPage members(String key, int page, int size, Long after) {
        return members.members(key, page, size, after);
    }

    @Override
    public String membersCsv(String key) {
        return export.membersCsv(key);
    }

    @Override
    public RfmGrid rfmGrid() {
        return db.inTransaction(tx -> {
            RfmSegmentMap map = rfm.map(tx);
            RfmStore.Grid grid = rfm.grid(tx);
            Map<Integer, Long> byFm = new HashMap<>();
            grid.byFm().forEach(c -> byFm.put(c.r() * 10 + c.column(), c.members()));
            Map<Integer, Long> byF = new HashMap<>();
            grid.byF().forEach(c -> byF.put(c.r() * 10 + c.column(), c.members()));
            List<GridCell> cells = new ArrayList<>();
            List<RfCell> rfCells = new ArrayList<>();
            for (int r = RfmSegmentMap.SCORES; r >= 1; r--) {
                for (int c = 1; c <= RfmSegmentMap.SCORES; c++) {
                    cells.add(new GridCell(r, c, byFm.getOrDefault(r * 10 + c, 0L), map.segmentAt(r, c).key()));
                    rfCells.add(new RfCell(r, c, byF.getOrDefault(r * 10 + c, 0L)));
                }
            }
            return new RfmGrid(cells, rfCells, grid.scored(), map.segments(), lastSuccess(tx, RfmScoringJob.NAME));
        });
    }

    @Override
    public List<RfmSegmentDefinition> rfmDefinitions() {
        return db.inTransaction(tx -> rfm.map(tx).segments());
    }

    @Override
    public Movements movements(String from, String to, Instant since, int page, int size) {
        String f = movementFilter("from", from);
        String t = movementFilter("to", to);
        if (page < 1) {
            throw new InvalidInput("page", "at-least", 1);
        }
        if (size < 1 || size > 500) {
            throw new InvalidInput("size", "out-of-range", 1, 500);
        }
        return db.inTransaction(tx -> {
            long total = rfm.countMovements(tx, f, t, since);
            List<RfmStore.Movement> found = rfm.movements(tx, f, t, since, size, (page - 1) * size);
            return new Movements(f, t, since, total, page, size, movementRows(tx, found));
        });
    }

    private static String movementFilter(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.startsWith(SegmentKey.RFM)) {
            v = v.substring(SegmentKey.RFM.length());
        }
        if (!v.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new InvalidInput(field, "segment.rfm-key");
        }
        return v;
    }

    private List<MovementRow> movementRows(Tx tx, List<RfmStore.Movement> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<Long, MemberStore.MemberInfo> info = new HashMap<>();
        for (MemberStore.MemberInfo m : memberStore.byIds(tx, found.stream().map(RfmStore.Movement::memberId).distinct()
                .toArray(Long[]::new))) {
            info.put(m.id(), m);
        }
        List<MovementRow> rows = new ArrayList<>(found.size());
        for (RfmStore.Movement mv : found) {
            MemberStore.MemberInfo m = info.get(mv.memberId());
            rows.add(new MovementRow(mv.memberId(), m == null ? null : m.customerRef(), m == null ? null : m.displayName(),
                    mv.from(), mv.to(), mv.movedAt()));
        }
        return rows;
    }

    @Override
    public List<MovementCount> movementCounts(Instant since) {
        return db.inTransaction(tx -> rfm.movementCounts(tx, since).stream()
                .map(c -> new MovementCount(c.from(), c.to(), c.members())).toList());
    }

    @Override
    public LtvModel ltvModel(int historyLimit) {
        return db.inTransaction(tx -> new LtvModel(models.current(tx).orElse(null), models.models(tx, historyLimit)));
    }

    @Override
    public SalesForecastView salesForecast() {
        return db.inTransaction(tx -> models.current(tx)
                .map(m -> new SalesForecastView(m, forecasts.horizons(tx, m.id()), forecasts.backtest(tx, m.id())))
                .orElseGet(() -> new SalesForecastView(null, List.of(), List.of())));
    }

    @Override
    public LtvDeciles ltvDeciles() {
        return db.inTransaction(tx -> {
            Optional<LtvModelRecord> model = models.current(tx);
            List<LtvDecile> deciles = ltv.deciles(tx).stream()
                    .map(d -> new LtvDecile(d.decile(), d.customers(), d.predictedValue(), d.minPredictedValue(),
                            d.maxPredictedValue(), d.meanExpectedPurchases(), d.meanPAlive()))
                    .toList();
            return new LtvDeciles(model.map(LtvModelRecord::scoredAt).orElse(null),
                    model.map(LtvModelRecord::horizonWeeks).orElse(0), deciles);
        });
    }

    @Override
    public Optional<CustomerSegments> customer(String customerRef) {
        Instant now = clock.instant();
        return db.inTransaction(tx -> memberStore.byCustomerRef(tx, customerRef).map(m -> {
            RfmSegmentMap map = rfm.map(tx);
            RfmFigures rfmFigures = SegmentMembers.rfmFigures(rfm.score(tx, m.id()).orElse(null), map);
            int horizon = models.current(tx).map(LtvModelRecord::horizonWeeks).orElse(0);
            LtvFigures ltvFigures = SegmentMembers.ltvFigures(ltv.prediction(tx, m.id()).orElse(null), horizon);
            List<SegmentRef> in = new ArrayList<>();
            if (rfmFigures != null) {
                in.add(new SegmentRef(SegmentKey.RFM + rfmFigures.segmentKey(), rfmFigures.segmentName()));
            }
            for (BehaviourSegment b : segments.customerBehaviour()) {
                if (behaviour.contains(tx, b, m.id(), now)) {
                    in.add(new SegmentRef(segments.behaviourKey(b), segments.name(b)));
                }
            }
            if (ltvFigures != null) {
                LtvSegment decile = LtvSegment.decile(ltvFigures.decile());
                in.add(new SegmentRef(Segments.ltvKey(decile), decile.name()));
                if (segments.likelyLapsed(tx, m.id())) {
                    in.add(new SegmentRef(Segments.ltvKey(LtvSegment.LIKELY_LAPSED), LtvSegment.LIKELY_LAPSED.name()));
                }
            }
            return new CustomerSegments(m.customerRef(), m.id(), rfmFigures, ltvFigures, in,
                    movementRows(tx, rfm.history(tx, m.id(), MEMBER_HISTORY)));
        }));
    }
}
