package dev.kizuna.segment.rfm;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Database;

import java.util.List;

/**
 * The merchant's RFM segment map as the API reads and replaces it: validated as a whole (every grid cell in exactly
 * one segment), written in one transaction with its audit entry, and applied at once to the scored members.
 */
public final class RfmDefinitions {

    /** The body of {@code GET/PUT /segments/rfm/definitions}. */
    public record Definitions(List<RfmSegmentDefinition> segments) {
    }

    /** What a replacement did: the new map and how many scored members it moved to another segment. */
    public record Replaced(List<RfmSegmentDefinition> segments, long membersReassigned) {
    }

    private final Database db;
    private final RfmStore store;
    private final AuditLog audit;
    private final ShopClock clock;

    public RfmDefinitions(Database db, RfmStore store, AuditLog audit, ShopClock clock) {
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public Definitions current() {
        return new Definitions(db.inTransaction(tx -> store.map(tx).segments()));
    }

    public Replaced replace(Definitions request, String actor) {
        if (request == null || request.segments() == null) {
            throw new InvalidInput("segments", "required");
        }
        RfmSegmentMap map = RfmSegmentMap.of(request.segments());
        return db.inTransaction(tx -> {
            List<RfmSegmentDefinition> before = store.map(tx).segments();
            long moved = store.replaceMap(tx, map, clock.instant());
            List<RfmSegmentDefinition> after = store.map(tx).segments();
            audit.record(tx, actor, "segments.rfm-definitions.update", "rfm-definitions",
                    new Definitions(before), new Definitions(after));
            return new Replaced(after, moved);
        });
    }
}
