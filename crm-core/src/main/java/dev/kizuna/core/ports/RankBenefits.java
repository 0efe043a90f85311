package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.Cart;

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
     * @param memberDiscount         the member price the rank gives; {@link MemberDiscount#NONE} when none
     */
    record Benefits(String rankCode, int pointMultiplierPercent, Long freeShippingThreshold, long birthdayBonusPoints,
                    List<String> perks, MemberDiscount memberDiscount) {
        public static final Benefits NONE = new Benefits("REGULAR", 100, null, 0, List.of());

        public Benefits {
            memberDiscount = memberDiscount == null ? MemberDiscount.NONE : memberDiscount;
        }

        /** Benefits without a member price. */
        public Benefits(String rankCode, int pointMultiplierPercent, Long freeShippingThreshold,
                        long birthdayBonusPoints, List<String> perks) {
            this(rankCode, pointMultiplierPercent, freeShippingThreshold, birthdayBonusPoints, perks,
                    MemberDiscount.NONE);
        }
    }

    Benefits benefitsOf(Tx tx, long memberId);

    /**
     * The member price of a cart for this member, as the host's pricing shows it in the cart and charges it at the
     * checkout (like the points and coupon quotes): each line's discount by its category and the total.
     */
    default MemberDiscount.Quote memberPrice(Tx tx, long memberId, Cart cart) {
        Benefits b = benefitsOf(tx, memberId);
        return b.memberDiscount().quote(b.rankCode(), cart);
    }

    /** The benefits of each member given (every id is a key); providers answer it in one read for order batches. */
    default Map<Long, Benefits> benefitsOf(Tx tx, long[] memberIds) {
        Map<Long, Benefits> out = new HashMap<>();
        for (long m : memberIds) {
            out.put(m, benefitsOf(tx, m));
        }
        return out;
    }
}
