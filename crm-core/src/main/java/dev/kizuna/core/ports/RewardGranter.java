package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

/**
 * Grants bonus points for something a feature rewards (a completed survey, a profile answer). The loyalty module
 * provides it; a feature asks for it through {@link ModulePorts} and works without it when loyalty is absent.
 */
public interface RewardGranter {

    /**
     * Credits {@code points} to the member once per {@code (source, sourceRef)}; repeats are no-ops.
     *
     * @param source    what rewards, e.g. {@code SURVEY}, {@code PROFILE}
     * @param sourceRef the rewarded thing, e.g. the survey response id
     * @return true when granted now, false when it had been granted before
     */
    boolean grant(Tx tx, long memberId, long points, String source, String sourceRef, String reason);
}
