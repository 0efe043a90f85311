package dev.kizuna.segment;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.segment.behaviour.BehaviourSegment;
import dev.kizuna.segment.behaviour.BehaviourStore;
import dev.kizuna.segment.prediction.LtvModelRecord;
import dev.kizuna.segment.prediction.LtvSegment;
import dev.kizuna.segment.prediction.LtvStore;
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
 * The segments as the rest of Kizuna sees them: the {@link SegmentDirectory} coupons, surveys and point campaigns
 * ask ("is this member in {@code rfm:champions}?", answered by one indexed lookup), and the {@link SegmentQueries}
 * the API and console read. A key that is malformed or names no segment matches nobody.
 */
public final class Segments implements SegmentDirectory, SegmentQueries {
    /** At most this many category segments ({@code behaviour:viewed-not-bought:<category>}) are listed. */
    static final int LISTED_CATEGORIES = 50;
    private static final int CSV_BATCH = 5_000;
    private static final int MEMBER_HISTORY = 20;

    private final Database db;
    private final ShopClock clock;
    private final RfmStore rfm;
    private final BehaviourStore behaviour;
    private final LtvStore ltv;
    private final MemberStore memberStore = new MemberStore();
    private final int behaviourDays;
    private final double lapsedBelow;

    public Segments(Database db, ShopClock clock, RfmStore rfm, BehaviourStore behaviour, LtvStore ltv,
                    int behaviourDays, int lapsedBelowPercent) {
        if (behaviourDays < 1 || behaviourDays > BehaviourSegment.MAX_DAYS) {
            throw new IllegalArgumentException("kizuna.segments.behaviour.days must be between 1 and " + BehaviourSegment.MAX_DAYS);
        }
        if (lapsedBelowPercent < 1 || lapsedBelowPercent > 99) {
            throw new IllegalArgumentException("kizuna.segments.ltv.lapsed-below-percent must be between 1 and 99");
        }
        this.db = db;
        this.clock = clock;
        this.rfm = rfm;
        this.behaviour = behaviour;
        this.ltv = ltv;
        this.behaviourDays = behaviourDays;
        this.lapsedBelow = lapsedBelowPercent / 100.0;
    }

    // --- SegmentDirectory ---

    @Override
    public List<Segment> segments(Tx tx) {
        List<Segment> out = new ArrayList<>();
        for (RfmSegmentDefinition d : rfm.map(tx).segments()) {
            out.add(new Segment(SegmentKey.RFM + d.key(), d.nameJa(), d.nameEn()));
        }
        for (BehaviourSegment b : listedBehaviour(tx)) {
            out.add(new Segment(behaviourKey(b), b.nameJa(), b.nameEn()));
        }
        for (LtvSegment l : listedLtv()) {
            out.add(new Segment(ltvKey(l), l.nameJa(), l.nameEn()));
        }
        return out;
    }

    @Override
    public boolean inSegment(Tx tx, long memberId, String segmentKey) {
        Optional<SegmentKey> key = SegmentKey.parse(segmentKey, behaviourDays);
        if (key.isEmpty()) {
            return false;
        }
        SegmentKey k = key.get();
        if (k instanceof SegmentKey.Rfm r) {
            return rfm.inSegment(tx, memberId, r.segment());
        }
        if (k instanceof SegmentKey.Behaviour b) {
            return behaviour.contains(tx, b.segment(), memberId, clock.instant());
        }
        return ltv.inSegment(tx, memberId, ((SegmentKey.Ltv) k).segment(), lapsedBelow);
    }

    private List<BehaviourSegment> listedBehaviour(Tx tx) {
        List<BehaviourSegment> out = new ArrayList<>();
        out.add(BehaviourSegment.cartAbandoners(behaviourDays));
        out.add(BehaviourSegment.noResultSearchers(behaviourDays));
        out.add(BehaviourSegment.firstOrderOnly());
        for (String category : behaviour.viewedCategories(tx, LISTED_CATEGORIES)) {
            out.add(BehaviourSegment.viewedNotBought(category, behaviourDays));
        }
        return out;
    }

    /** The listed key of a behavioural segment: with the default window the days are left out. */
    private String behaviourKey(BehaviourSegment b) {
        String base = SegmentKey.BEHAVIOUR + b.kind().slug() + (b.category() == null ? "" : ":" + b.category());
        return b.days() == behaviourDays || b.kind() == BehaviourSegment.Kind.FIRST_ORDER_ONLY ? base : base + ":" + b.days() + "d";
    }

    private static List<LtvSegment> listedLtv() {
        List<LtvSegment> out = new ArrayList<>();
        out.add(LtvSegment.TOP_DECILE);
        for (int d = 2; d <= 10; d++) {
            out.add(LtvSegment.decile(d));
        }
        out.add(LtvSegment.LIKELY_LAPSED);
        return out;
    }

    private static String ltvKey(LtvSegment l) {
        if (l.kind() == LtvSegment.Kind.LIKELY_LAPSED) {
            return SegmentKey.LTV + "likely-lapsed";
        }
        return SegmentKey.LTV + (l.decile() == 1 ? "top-decile" : "decile-" + l.decile());
    }

    // --- SegmentQueries ---

    @Override
    public Sizes sizes() {
        Instant now = clock.instant();
        return db.inTransaction(tx -> {
            List<SegmentSize> out = new ArrayList<>();
            Map<String, Long> rfmSizes = rfm.sizes(tx);
            for (RfmSegmentDefinition d : rfm.map(tx).segments()) {
                out.add(new SegmentSize(SegmentKey.RFM + d.key(), "rfm", d.nameJa(), d.nameEn(),
                        rfmSizes.getOrDefault(d.key(), 0L)));
            }
            for (BehaviourSegment b : listedBehaviour(tx)) {
                out.add(new SegmentSize(behaviourKey(b), "behaviour", b.nameJa(), b.nameEn(), behaviour.size(tx, b, now)));
            }
            for (LtvSegment l : listedLtv()) {
                out.add(new SegmentSize(ltvKey(l), "ltv", l.nameJa(), l.nameEn(), ltv.size(tx, l, lapsedBelow)));
            }
            return new Sizes(out, lastSuccess(tx, RfmScoringJob.NAME), ltv.current(tx).map(LtvModelRecord::scoredAt).orElse(null));
        });
    }

    private static Instant lastSuccess(Tx tx, String job) {
        return tx.sql().one("""
                SELECT as_of FROM job_run WHERE job_name = ? AND status = 'SUCCEEDED' ORDER BY id DESC LIMIT 1""",
                rs -> rs.getTimestamp(1).toInstant(), job).orElse(null);
    }

    /** A parsed key that names an existing segment, with its names; else 404. */
    private record Resolved(SegmentKey key, String nameJa, String nameEn) {
    }

    private Resolved resolve(Tx tx, String raw) {
        SegmentKey key = SegmentKey.parse(raw, behaviourDays).orElseThrow(() -> new NotFound("no segment " + raw));
        if (key instanceof SegmentKey.Rfm r) {
            RfmSegmentDefinition d = rfm.map(tx).find(r.segment()).orElseThrow(() -> new NotFound("no segment " + raw));
            return new Resolved(key, d.nameJa(), d.nameEn());
        }
        if (key instanceof SegmentKey.Behaviour b) {
            return new Resolved(key, b.segment().nameJa(), b.segment().nameEn());
        }
        LtvSegment l = ((SegmentKey.Ltv) key).segment();
        return new Resolved(key, l.nameJa(), l.nameEn());
    }

    private long size(Tx tx, SegmentKey key, Instant now) {
        if (key instanceof SegmentKey.Rfm r) {
            return rfm.size(tx, r.segment());
        }
        if (key instanceof SegmentKey.Behaviour b) {
            return behaviour.size(tx, b.segment(), now);
        }
        return ltv.size(tx, ((SegmentKey.Ltv) key).segment(), lapsedBelow);
    }

    private List<Long> memberIds(Tx tx, SegmentKey key, Instant now, long after, int offset, int limit) {
        if (key instanceof SegmentKey.Rfm r) {
            return rfm.memberIds(tx, r.segment(), after, offset, limit);
        }
        if (key instanceof SegmentKey.Behaviour b) {
            return behaviour.memberIds(tx, b.segment(), now, after, offset, limit);
        }
        return ltv.memberIds(tx, ((SegmentKey.Ltv) key).segment(), lapsedBelow, after, offset, limit);
    }

    @Override
    public MemberPage members(String key, int page, int size, Long after) {
        if (page < 1) {
            throw new InvalidInput("page", "at-least", 1);
        }
        if (size < 1 || size > 500) {
            throw new InvalidInput("size", "out-of-range", 1, 500);
        }
        Instant now = clock.instant();
        return db.inTransaction(tx -> {
            Resolved r = resolve(tx, key);
            long total = size(tx, r.key(), now);
            List<Long> ids = after != null
                    ? memberIds(tx, r.key(), now, after, 0, size)
                    : memberIds(tx, r.key(), now, 0, (page - 1) * size, size);
            List<MemberRow> rows = rows(tx, ids);
            Long next = ids.size() == size ? ids.get(ids.size() - 1) : null;
            return new MemberPage(r.key().value(), r.nameJa(), r.nameEn(), total, after != null ? 1 : page, size, next, rows);
        });
    }

    @Override
    public String membersCsv(String key) {
        Instant now = clock.instant();
        return db.inTransaction(tx -> {
            Resolved r = resolve(tx, key);
            SegmentCsv csv = new SegmentCsv();
            long after = 0;
            while (true) {
                List<Long> ids = memberIds(tx, r.key(), now, after, 0, CSV_BATCH);
                rows(tx, ids).forEach(csv::add);
                if (ids.size() < CSV_BATCH) {
                    return csv.text();
                }
                after = ids.get(ids.size() - 1);
            }
        });
    }

    private List<MemberRow> rows(Tx tx, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Long[] idArray = ids.toArray(new Long[0]);
        RfmSegmentMap map = rfm.map(tx);
        Map<Long, RfmStore.MemberScore> scores = rfm.scores(tx, idArray);
        Map<Long, LtvStore.Prediction> predictions = ltv.predictions(tx, idArray);
        int horizon = ltv.current(tx).map(LtvModelRecord::horizonWeeks).orElse(0);
        List<MemberRow> rows = new ArrayList<>(ids.size());
        for (MemberStore.MemberInfo m : memberStore.byIds(tx, idArray)) {
            rows.add(new MemberRow(m.id(), m.customerRef(), m.displayName(), m.email(), m.locale(),
                    rfmFigures(scores.get(m.id()), map), ltvFigures(predictions.get(m.id()), horizon)));
        }
        return rows;
    }

    private static RfmFigures rfmFigures(RfmStore.MemberScore s, RfmSegmentMap map) {
        if (s == null) {
            return null;
        }
        Optional<RfmSegmentDefinition> d = map.find(s.segmentKey());
        return new RfmFigures(s.lastOrderAt(), s.recencyDays(), s.frequency(), s.monetary(), s.r(), s.f(), s.m(), s.fm(),
                s.segmentKey(), d.map(RfmSegmentDefinition::nameJa).orElse(s.segmentKey()),
                d.map(RfmSegmentDefinition::nameEn).orElse(s.segmentKey()), s.segmentSince(), s.scoredAt());
    }

    private static LtvFigures ltvFigures(LtvStore.Prediction p, int horizon) {
        if (p == null) {
            return null;
        }
        return new LtvFigures(p.expectedPurchases(), p.pAlive(), p.expectedSpend(), p.predictedValue(), p.decile(),
                horizon, p.x(), p.tx(), p.t());
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
        return db.inTransaction(tx -> new LtvModel(ltv.current(tx).orElse(null), ltv.models(tx, historyLimit)));
    }

    @Override
    public LtvDeciles ltvDeciles() {
        return db.inTransaction(tx -> {
            Optional<LtvModelRecord> model = ltv.current(tx);
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
            RfmFigures rfmFigures = rfmFigures(rfm.score(tx, m.id()).orElse(null), map);
            int horizon = ltv.current(tx).map(LtvModelRecord::horizonWeeks).orElse(0);
            LtvFigures ltvFigures = ltvFigures(ltv.prediction(tx, m.id()).orElse(null), horizon);
            List<SegmentRef> in = new ArrayList<>();
            if (rfmFigures != null) {
                in.add(new SegmentRef(SegmentKey.RFM + rfmFigures.segmentKey(), rfmFigures.segmentNameJa(),
                        rfmFigures.segmentNameEn()));
            }
            for (BehaviourSegment b : List.of(BehaviourSegment.cartAbandoners(behaviourDays),
                    BehaviourSegment.noResultSearchers(behaviourDays), BehaviourSegment.firstOrderOnly())) {
                if (behaviour.contains(tx, b, m.id(), now)) {
                    in.add(new SegmentRef(behaviourKey(b), b.nameJa(), b.nameEn()));
                }
            }
            if (ltvFigures != null) {
                LtvSegment decile = LtvSegment.decile(ltvFigures.decile());
                in.add(new SegmentRef(ltvKey(decile), decile.nameJa(), decile.nameEn()));
                if (ltv.inSegment(tx, m.id(), LtvSegment.LIKELY_LAPSED, lapsedBelow)) {
                    in.add(new SegmentRef(ltvKey(LtvSegment.LIKELY_LAPSED), LtvSegment.LIKELY_LAPSED.nameJa(),
                            LtvSegment.LIKELY_LAPSED.nameEn()));
                }
            }
            return new CustomerSegments(m.customerRef(), m.id(), rfmFigures, ltvFigures, in,
                    movementRows(tx, rfm.history(tx, m.id(), MEMBER_HISTORY)));
        }));
    }
}
