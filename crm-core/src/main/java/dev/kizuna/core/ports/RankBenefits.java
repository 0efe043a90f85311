package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benefits a member's rank gives, for the features and the host that apply them (earning rules use the
 * multiplier, the host's shipping calculation the free-shipping threshold, the birthday job the bonus points).
 * The ranks feature provides it; without it every member has {@link Benefits#NONE}.
 */
public interface RankBenefits {

    /**
     * @param pointMultiplierPercent 100 = ×1, 150 = ×1.5 (integer percent keeps earning arithmetic exact)
     * @param freeShippingThreshold  minor units from which shipping is free; null when the rank gives none
     */
    record Benefits(String rankCode, int pointMultiplierPercent, Long freeShippingThreshold, long birthdayBonusPoints,
                    List<String> perks) {
        public static final Benefits NONE = new Benefits("REGULAR", 100, null, 0, List.of());
    }

    Benefits benefitsOf(Tx tx, long memberId);

    /** The benefits of each member given (every id is a key); providers answer it in one read for order batches. */
    default Map<Long, Benefits> benefitsOf(Tx tx, long[] memberIds) {
        Map<Long, Benefits> out = new HashMap<>();
        for (long m : memberIds) {
            out.put(m, benefitsOf(tx, m));
        }
        return out;
    }
}
