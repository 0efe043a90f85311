package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A feature's touchpoints of one customer for the timeline. Every feature that records contacts contributes one
 * ({@link ModulePorts#contribute}); the timeline asks each for its newest ones before a cursor and merges them.
 */
public interface TouchpointSource {

    /** The kinds this source gives. */
    Set<TouchpointKind> kinds();

    /**
     * At most {@code limit} touchpoints of the member of the given kinds (all of them in {@link #kinds()}), newest
     * first, strictly before the cursor ({@code at}, {@code key}) in the order (at DESC, key DESC); a null cursor
     * starts from the newest.
     */
    List<Touchpoint> before(Tx tx, long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit);
}
