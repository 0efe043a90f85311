package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

import java.time.Instant;

/**
 * Re-evaluates one member's rank at once (called after points are confirmed, so an upgrade shows immediately
 * instead of at the next monthly run). The ranks feature provides it.
 */
public interface RankReevaluation {
    void reevaluate(Tx tx, long memberId, Instant asOf);
}
