package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

/**
 * A feature that keeps rows of a member moves them onto the survivor when two members are merged. Every feature
 * that owns such rows contributes one ({@link ModulePorts#contribute}); the kernel's merge calls each in the same
 * transaction, after locking both member rows, and only for a merge not applied before, so a participant never
 * needs to be idempotent on its own. A participant keeps history as it is (entries, answers, changes move; nothing
 * is re-summed) and settles whatever can exist once per member (one account, one rank, one consent per channel) by
 * its own rule, which its class comment states.
 */
public interface CustomerMergeParticipant {

    /** Short name of what moves ({@code points}, {@code coupons}), the key of its count in the merge's record. */
    String name();

    /** Moves the merged member's rows onto the survivor; returns how many rows moved or changed. */
    long merge(Tx tx, Merge merge);

    /** The two members of a merge, by Kizuna's id and the host's customer id. */
    record Merge(long survivorId, String survivorRef, long mergedId, String mergedRef) {
    }
}
