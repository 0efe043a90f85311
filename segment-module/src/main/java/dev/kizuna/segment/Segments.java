package dev.kizuna.segment;

import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.SegmentConditions;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.core.ports.SqlCondition;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.segment.behaviour.BehaviourSegment;
import dev.kizuna.segment.behaviour.BehaviourStore;
import dev.kizuna.segment.prediction.LtvSegment;
import dev.kizuna.segment.prediction.LtvStore;
import dev.kizuna.segment.rfm.RfmSegmentDefinition;
import dev.kizuna.segment.rfm.RfmStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every segment by its key: the {@link SegmentDirectory} coupons, surveys and point campaigns ask ("is this member
 * in {@code rfm:champions}?", answered by one indexed lookup), the segments listed with their names, and for the
 * segment queries a key's segment, size and members, whatever kind (RFM, behaviour, LTV) it is of. A key that is
 * malformed or names no segment matches nobody.
 */
public final class Segments implements SegmentDirectory, SegmentConditions {
    /** At most this many category segments ({@code behaviour:viewed-not-bought:<category>}) are listed. */
    static final int LISTED_CATEGORIES = 50;

    private final ShopClock clock;
    private final RfmStore rfm;
    private final BehaviourStore behaviour;
    private final LtvStore ltv;
    private final int behaviourDays;
    private final double lapsedBelow;
    private final Catalog catalog;

    public Segments(ShopClock clock, RfmStore rfm, BehaviourStore behaviour, LtvStore ltv, int behaviourDays,
                    int lapsedBelowPercent, Catalog catalog) {
        this.catalog = catalog;
        if (behaviourDays < 1 || behaviourDays > BehaviourSegment.MAX_DAYS) {
            throw new IllegalArgumentException("kizuna.segments.behaviour.days must be between 1 and " + BehaviourSegment.MAX_DAYS);
        }
        if (lapsedBelowPercent < 1 || lapsedBelowPercent > 99) {
            throw new IllegalArgumentException("kizuna.segments.ltv.lapsed-below-percent must be between 1 and 99");
        }
        this.clock = clock;
        this.rfm = rfm;
        this.behaviour = behaviour;
        this.ltv = ltv;
        this.behaviourDays = behaviourDays;
        this.lapsedBelow = lapsedBelowPercent / 100.0;
    }

    /** The window of a behavioural segment whose key names no days ({@code kizuna.segments.behaviour.days}). */
    public int behaviourDays() {
        return behaviourDays;
    }

    // --- SegmentDirectory ---

    @Override
    public List<Segment> segments(Tx tx) {
        List<Segment> out = new ArrayList<>();
        for (RfmSegmentDefinition d : rfm.map(tx).segments()) {
            out.add(new Segment(SegmentKey.RFM + d.key(), d.name()));
        }
        for (BehaviourSegment b : listedBehaviour(tx)) {
            out.add(new Segment(behaviourKey(b), name(b)));
        }
        for (LtvSegment l : listedLtv()) {
            out.add(new Segment(ltvKey(l), l.name()));
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

    @Override
    public Optional<SqlCondition> inSegment(String segmentKey, Instant now) {
        return SegmentKey.parse(segmentKey, behaviourDays).map(k -> {
            if (k instanceof SegmentKey.Rfm r) {
                return rfm.condition(r.segment());
            }
            if (k instanceof SegmentKey.Behaviour b) {
                return behaviour.condition(b.segment(), now);
            }
            return ltv.condition(((SegmentKey.Ltv) k).segment(), lapsedBelow);
        });
    }

    @Override
    public SqlCondition ltvDecile(int from, int to) {
        return ltv.decileCondition(from, to);
    }

    @Override
    public SqlCondition pAlive(boolean below, double p) {
        return ltv.pAliveCondition(below, p);
    }

    /** A behaviour segment's name, its category named as the shop names it (not by its key). */
    LocalizedText name(BehaviourSegment b) {
        return b.category() == null ? b.name() : b.name(catalog.categoryName(b.category()));
    }

    List<BehaviourSegment> listedBehaviour(Tx tx) {
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
    String behaviourKey(BehaviourSegment b) {
        String base = SegmentKey.BEHAVIOUR + b.kind().slug() + (b.category() == null ? "" : ":" + b.category());
        return b.days() == behaviourDays || b.kind() == BehaviourSegment.Kind.FIRST_ORDER_ONLY ? base : base + ":" + b.days() + "d";
    }

    static List<LtvSegment> listedLtv() {
        List<LtvSegment> out = new ArrayList<>();
        out.add(LtvSegment.TOP_DECILE);
        for (int d = 2; d <= 10; d++) {
            out.add(LtvSegment.decile(d));
        }
        out.add(LtvSegment.LIKELY_LAPSED);
        return out;
    }

    static String ltvKey(LtvSegment l) {
        if (l.kind() == LtvSegment.Kind.LIKELY_LAPSED) {
            return SegmentKey.LTV + "likely-lapsed";
        }
        return SegmentKey.LTV + (l.decile() == 1 ? "top-decile" : "decile-" + l.decile());
    }

    /** Every listed segment with its size now. */
    List<SegmentQueries.SegmentSize> listedSizes(Tx tx, Instant now) {
        List<SegmentQueries.SegmentSize> out = new ArrayList<>();
        Map<String, Long> rfmSizes = rfm.sizes(tx);
        for (RfmSegmentDefinition d : rfm.map(tx).segments()) {
            out.add(new SegmentQueries.SegmentSize(SegmentKey.RFM + d.key(), "rfm", d.name(),
                    rfmSizes.getOrDefault(d.key(), 0L)));
        }
        for (BehaviourSegment b : listedBehaviour(tx)) {
            out.add(new SegmentQueries.SegmentSize(behaviourKey(b), "behaviour", name(b),
                    behaviour.size(tx, b, now)));
        }
        for (LtvSegment l : listedLtv()) {
            out.add(new SegmentQueries.SegmentSize(ltvKey(l), "ltv", l.name(),
                    ltv.size(tx, l, lapsedBelow)));
        }
        return out;
    }

    /** A parsed key that names an existing segment, with its names; else 404. */
    record Resolved(SegmentKey key, LocalizedText name) {
    }

    Resolved resolve(Tx tx, String raw) {
        SegmentKey key = SegmentKey.parse(raw, behaviourDays).orElseThrow(() -> new NotFound("no segment " + raw));
        if (key instanceof SegmentKey.Rfm r) {
            RfmSegmentDefinition d = rfm.map(tx).find(r.segment()).orElseThrow(() -> new NotFound("no segment " + raw));
            return new Resolved(key, d.name());
        }
        if (key instanceof SegmentKey.Behaviour b) {
            return new Resolved(key, name(b.segment()));
        }
        LtvSegment l = ((SegmentKey.Ltv) key).segment();
        return new Resolved(key, l.name());
    }

    /** How many members the segment has now. */
    long size(Tx tx, SegmentKey key, Instant now) {
        if (key instanceof SegmentKey.Rfm r) {
            return rfm.size(tx, r.segment());
        }
        if (key instanceof SegmentKey.Behaviour b) {
            return behaviour.size(tx, b.segment(), now);
        }
        return ltv.size(tx, ((SegmentKey.Ltv) key).segment(), lapsedBelow);
    }

    /** Member ids of the segment after {@code after}, ascending, skipping {@code offset} (keyset or page). */
    List<Long> memberIds(Tx tx, SegmentKey key, Instant now, long after, int offset, int limit) {
        if (key instanceof SegmentKey.Rfm r) {
            return rfm.memberIds(tx, r.segment(), after, offset, limit);
        }
        if (key instanceof SegmentKey.Behaviour b) {
            return behaviour.memberIds(tx, b.segment(), now, after, offset, limit);
        }
        return ltv.memberIds(tx, ((SegmentKey.Ltv) key).segment(), lapsedBelow, after, offset, limit);
    }

    /** The behavioural segments a customer's page shows: those with the default window and no category. */
    List<BehaviourSegment> customerBehaviour() {
        return List.of(BehaviourSegment.cartAbandoners(behaviourDays), BehaviourSegment.noResultSearchers(behaviourDays),
                BehaviourSegment.firstOrderOnly());
    }

    /** Whether the member's P(alive) puts them in {@code ltv:likely-lapsed}. */
    boolean likelyLapsed(Tx tx, long memberId) {
        return ltv.inSegment(tx, memberId, LtvSegment.LIKELY_LAPSED, lapsedBelow);
    }
}
