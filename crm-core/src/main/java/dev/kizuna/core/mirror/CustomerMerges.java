package dev.kizuna.core.mirror;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CustomerMergeParticipant;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.spi.CustomerMerged;
import dev.kizuna.core.web.ApiRoutes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges two members of one person: the merged member's orders, behaviour and mails (the mirror's rows) and every
 * feature's rows ({@link CustomerMergeParticipant}) move onto the survivor in the caller's one transaction, the
 * merged member is kept and marked {@code merged_into}, its blind indexes are cleared (lookups by e-mail, phone or
 * birthday find only the survivor), and the merge is recorded in {@code member_merge} and the audit log.
 *
 * <p>Repeats change nothing: both members are resolved to where they were merged to (a member merged before stands
 * for its survivor), and a merge whose two sides resolve to one member is answered {@link Result#ALREADY_MERGED}.
 * So the same event again, or the reverse merge after it, is a no-op and not an error.
 */
public final class CustomerMerges {
    /** Who asked for the merge. */
    public enum Source { STAFF, HOST }

    public enum Result { MERGED, ALREADY_MERGED }

    /** What a merge did: the survivor's and the merged member's host ids, and the rows each part moved. */
    public record Outcome(Result result, String survivorRef, String mergedRef, Map<String, Long> moved) {
    }

    private final SealedMembers members;
    private final ModulePorts ports;
    private final AuditLog audit;

    public CustomerMerges(SealedMembers members, ModulePorts ports, AuditLog audit) {
        this.members = members;
        this.ports = ports;
        this.audit = audit;
    }

    public void subscribe(EventBus bus) {
        bus.on(CustomerMerged.class, "mirror.customer-merged", EventBus.MIRROR, (e, tx) ->
                merge(tx, e.survivorId(), e.mergedId(), Source.HOST, "host", e.eventId(), e.occurredAt()));
    }

    /**
     * Merges {@code mergedRef} into {@code survivorRef}. Members the host has not told about yet are created as
     * placeholders (a host's merge may arrive before a registration), so the merge holds when they arrive.
     */
    public Outcome merge(Tx tx, String survivorRef, String mergedRef, Source source, String actor, String eventId,
                         Instant at) {
        if (survivorRef.equals(mergedRef)) {
            throw new IllegalArgumentException("a customer cannot be merged into itself: " + survivorRef);
        }
        long survivorAsked = Members.ensure(tx, survivorRef);
        long mergedAsked = Members.ensure(tx, mergedRef);
        // Both rows locked in id order, so two merges of the same pair (both directions) serialize without deadlock.
        tx.sql().list("SELECT id FROM member WHERE id = ANY(?) ORDER BY id FOR UPDATE", rs -> rs.getLong(1),
                tx.sql().longArray(new long[]{survivorAsked, mergedAsked}));
        long survivor = root(tx, survivorAsked);
        long merged = root(tx, mergedAsked);
        if (survivor == merged) {
            return new Outcome(Result.ALREADY_MERGED, refOf(tx, survivor), refOf(tx, mergedAsked), Map.of());
        }
        tx.sql().list("SELECT id FROM member WHERE id = ANY(?) ORDER BY id FOR UPDATE", rs -> rs.getLong(1),
                tx.sql().longArray(new long[]{survivor, merged}));
        String sRef = refOf(tx, survivor);
        String mRef = refOf(tx, merged);
        CustomerMergeParticipant.Merge m = new CustomerMergeParticipant.Merge(survivor, sRef, merged, mRef);
        Map<String, Long> moved = new LinkedHashMap<>();
        moved.put("orders", (long) tx.sql().update("UPDATE order_summary SET member_id = ? WHERE member_id = ?",
                survivor, merged));
        moved.put("behaviour", (long) tx.sql().update("UPDATE behaviour_event SET member_id = ? WHERE member_id = ?",
                survivor, merged));
        moved.put("mails", (long) tx.sql().update("UPDATE mail_outbox SET member_id = ? WHERE member_id = ?",
                survivor, merged));
        moved.put("domainEvents", (long) tx.sql().update("UPDATE domain_event SET member_id = ? WHERE member_id = ?",
                survivor, merged));
        // The host's consents: a purpose either account refused stays refused (the strictest of the two).
        tx.sql().update("""
                UPDATE member s SET consents = (
                         SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb)
                         FROM (SELECT key AS k, bool_and(value::boolean) AS v
                               FROM (SELECT * FROM jsonb_each(s.consents) UNION ALL SELECT * FROM jsonb_each(o.consents)) x
                               GROUP BY key) y),
                       registered_at = least(s.registered_at, o.registered_at), updated_at = now()
                FROM member o
                WHERE s.id = ? AND o.id = ?""", survivor, merged);
        MemberStanding.refresh(tx, "ANY(?)", tx.sql().longArray(new long[]{survivor, merged}));
        for (CustomerMergeParticipant p : ports.all(CustomerMergeParticipant.class)) {
            moved.merge(p.name(), p.merge(tx, m), Long::sum);
        }
        members.forget(tx, merged);
        tx.sql().update("""
                UPDATE member SET merged_into = ?, merged_at = ?, address_hash = NULL, updated_at = now()
                WHERE id = ?""", survivor, at, merged);
        // Members merged into this one before now point at the survivor too: a lookup is always one step.
        tx.sql().update("UPDATE member SET merged_into = ? WHERE merged_into = ?", survivor, merged);
        tx.sql().update("""
                INSERT INTO member_merge (survivor_id, merged_id, source, actor, event_id, merged_at, moved)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)""", survivor, merged, source.name(), actor, eventId, at,
                Json.write(moved));
        audit.record(tx, actor, "customer.merge", "customer:" + sRef, Map.of("merged", mRef),
                Map.of("survivor", sRef, "merged", mRef, "source", source.name(), "moved", moved));
        return new Outcome(Result.MERGED, sRef, mRef, moved);
    }

    /** The survivor a member was merged into, as a host customer id; empty for a member not merged (or unknown). */
    public Optional<String> mergedInto(Tx tx, String customerRef) {
        return tx.sql().one("""
                SELECT s.customer_ref FROM member m JOIN member s ON s.id = m.merged_into WHERE m.customer_ref = ?""",
                rs -> rs.getString(1), customerRef);
    }

    /** The merges of a survivor, newest first (the 360° page and the duplicates page show them). */
    public List<Map<String, Object>> mergesInto(Tx tx, long survivorId) {
        return tx.sql().list("""
                SELECT g.customer_ref, mm.source, mm.actor, mm.merged_at FROM member_merge mm
                JOIN member g ON g.id = mm.merged_id WHERE mm.survivor_id = ? ORDER BY mm.id DESC""",
                rs -> Map.<String, Object>of("merged", rs.getString(1), "source", rs.getString(2),
                        "actor", rs.getString(3), "at", Sql.instant(rs, "merged_at")), survivorId);
    }

    /**
     * Refuses every admin API call about a merged customer ({@code /customers/{id}…}) with a 404 that names the
     * survivor, in the caller's language, rather than answering with the emptied member.
     */
    public ApiRoutes.Guard apiGuard(Database db) {
        return (match, lang) -> {
            if (!match.route().pattern().startsWith("/customers/{id}")) {
                return;
            }
            String ref = match.params().get("id");
            Optional<String> survivor = db.inTransaction(tx -> mergedInto(tx, ref));
            if (survivor.isPresent()) {
                throw new NotFound(ProblemTexts.shared().text(lang, "api.customer-merged", ref, survivor.get()));
            }
        };
    }

    private static long root(Tx tx, long id) {
        return tx.sql().one("SELECT coalesce(merged_into, id) FROM member WHERE id = ?", rs -> rs.getLong(1), id)
                .orElseThrow();
    }

    private static String refOf(Tx tx, long id) {
        return Members.customerRef(tx, id).orElseThrow();
    }
}
