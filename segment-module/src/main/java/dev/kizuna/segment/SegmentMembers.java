package dev.kizuna.segment;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.segment.SegmentQueries.LtvFigures;
import dev.kizuna.segment.SegmentQueries.MemberPage;
import dev.kizuna.segment.SegmentQueries.MemberRow;
import dev.kizuna.segment.SegmentQueries.RfmFigures;
import dev.kizuna.segment.prediction.LtvModelRecord;
import dev.kizuna.segment.prediction.LtvModels;
import dev.kizuna.segment.prediction.LtvStore;
import dev.kizuna.segment.rfm.RfmSegmentDefinition;
import dev.kizuna.segment.rfm.RfmSegmentMap;
import dev.kizuna.segment.rfm.RfmStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A segment's members as the console lists them: pages of member rows, each with its RFM and LTV figures. */
final class SegmentMembers {
    private final Database db;
    private final ShopClock clock;
    private final Segments segments;
    private final RfmStore rfm;
    private final LtvStore ltv;
    private final LtvModels models;
    private final MemberStore memberStore;

    SegmentMembers(Database db, ShopClock clock, Segments segments, RfmStore rfm, LtvStore ltv, LtvModels models,
                   MemberStore memberStore) {
        this.memberStore = memberStore;
        this.db = db;
        this.clock = clock;
        this.segments = segments;
        this.rfm = rfm;
        this.ltv = ltv;
        this.models = models;
    }

    /** A page (1-based) of a segment's members, or the page after member id {@code after} when given. */
    MemberPage members(String key, int page, int size, Long after) {
        if (page < 1) {
            throw new InvalidInput("page", "at-least", 1);
        }
        if (size < 1 || size > 500) {
            throw new InvalidInput("size", "out-of-range", 1, 500);
        }
        Instant now = clock.instant();
        return db.inTransaction(tx -> {
            Segments.Resolved r = segments.resolve(tx, key);
            long total = segments.size(tx, r.key(), now);
            List<Long> ids = after != null
                    ? segments.memberIds(tx, r.key(), now, after, 0, size)
                    : segments.memberIds(tx, r.key(), now, 0, (page - 1) * size, size);
            List<MemberRow> rows = rows(tx, ids);
            Long next = ids.size() == size ? ids.get(ids.size() - 1) : null;
            return new MemberPage(r.key().value(), r.name(), total, after != null ? 1 : page, size, next, rows);
        });
    }

    /** The members' rows with their RFM and LTV figures, in id order. */
    List<MemberRow> rows(Tx tx, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Long[] idArray = ids.toArray(new Long[0]);
        RfmSegmentMap map = rfm.map(tx);
        Map<Long, RfmStore.MemberScore> scores = rfm.scores(tx, idArray);
        Map<Long, LtvStore.Prediction> predictions = ltv.predictions(tx, idArray);
        int horizon = models.current(tx).map(LtvModelRecord::horizonWeeks).orElse(0);
        List<MemberRow> rows = new ArrayList<>(ids.size());
        for (MemberStore.MemberInfo m : memberStore.byIds(tx, idArray)) {
            rows.add(new MemberRow(m.id(), m.customerRef(), m.displayName(), m.email(), m.locale(),
                    rfmFigures(scores.get(m.id()), map), ltvFigures(predictions.get(m.id()), horizon)));
        }
        return rows;
    }

    static RfmFigures rfmFigures(RfmStore.MemberScore s, RfmSegmentMap map) {
        if (s == null) {
            return null;
        }
        Optional<RfmSegmentDefinition> d = map.find(s.segmentKey());
        return new RfmFigures(s.lastOrderAt(), s.recencyDays(), s.frequency(), s.monetary(), s.r(), s.f(), s.m(), s.fm(),
                s.segmentKey(), d.map(RfmSegmentDefinition::name).orElse(LocalizedText.of(s.segmentKey(), s.segmentKey())),
                s.segmentSince(), s.scoredAt());
    }

    static LtvFigures ltvFigures(LtvStore.Prediction p, int horizon) {
        if (p == null) {
            return null;
        }
        return new LtvFigures(p.expectedPurchases(), p.pAlive(), p.expectedSpend(), p.predictedValue(), p.decile(),
                horizon, p.x(), p.tx(), p.t());
    }
}
