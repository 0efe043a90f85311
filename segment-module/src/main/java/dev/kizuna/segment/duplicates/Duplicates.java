package dev.kizuna.segment.duplicates;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.clock.ShopClock;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.mirror.CustomerMerges;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.ModulePorts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The likely duplicates staff look at, and their two decisions: merge a pair onto the member they keep (through the
 * kernel's {@link CustomerMerges}, which moves every feature's rows in this one transaction and audits the merge),
 * or dismiss it (audited; a later detection leaves it dismissed).
 */
public final class Duplicates {
    private final Database db;
    private final DuplicateStore store;
    private final ModulePorts ports;
    private final AuditLog audit;
    private final ShopClock clock;

    Duplicates(Database db, DuplicateStore store, ModulePorts ports, AuditLog audit, ShopClock clock) {
        this.db = db;
        this.store = store;
        this.ports = ports;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a merge request did: {@code changed} is false for a pair merged before (nothing moved again). */
    public record Merged(long pair, String survivor, String merged, boolean changed, Map<String, Long> moved) {
    }

    public List<DuplicatePair> open(int limit) {
        return db.inTransaction(tx -> store.open(tx, limit));
    }

    public long openCount() {
        return db.inTransaction(store::openCount);
    }

    public List<DuplicatePair> decided(int limit) {
        return db.inTransaction(tx -> store.decided(tx, limit));
    }

    /** Merges the pair's other member into {@code survivorRef}, which must be one of the two. */
    public Merged merge(long pairId, String survivorRef, String actor) {
        return db.inTransaction(tx -> {
            DuplicatePair p = store.lock(tx, pairId).orElseThrow(() -> NotFound.of("duplicates.no-such-pair", Long.toString(pairId)));
            DuplicatePair.Member keep = p.survivor(survivorRef);
            DuplicatePair.Member gone = p.other(keep);
            if (p.merging() == DuplicatePair.Step.NOTHING) {
                return new Merged(pairId, keep.customerRef(), gone.customerRef(), false, Map.of());
            }
            Instant now = clock.instant();
            CustomerMerges.Outcome o = ports.require(CustomerMerges.class).merge(tx, keep.customerRef(),
                    gone.customerRef(), CustomerMerges.Source.STAFF, actor, null, now);
            store.decide(tx, pairId, PairStatus.MERGED, actor, now);
            store.afterMerge(tx, keep.memberId(), gone.memberId(), actor, now);
            return new Merged(pairId, o.survivorRef(), o.mergedRef(), o.result() == CustomerMerges.Result.MERGED,
                    o.moved());
        });
    }

    /** Dismisses the pair: staff judged them two people. Returns whether it changed (false: dismissed before). */
    public boolean dismiss(long pairId, String actor) {
        return db.inTransaction(tx -> {
            DuplicatePair p = store.lock(tx, pairId).orElseThrow(() -> NotFound.of("duplicates.no-such-pair", Long.toString(pairId)));
            if (p.dismissing() == DuplicatePair.Step.NOTHING) {
                return false;
            }
            store.decide(tx, pairId, PairStatus.DISMISSED, actor, clock.instant());
            audit.record(tx, actor, "duplicates.dismiss", "duplicate-pair:" + pairId,
                    Map.of("status", p.status().name()),
                    Map.of("status", PairStatus.DISMISSED.name(), "first", p.first().customerRef(),
                            "second", p.second().customerRef(),
                            "evidence", p.evidence().stream().map(Enum::name).toList()));
            return true;
        });
    }
}
