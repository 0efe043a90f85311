package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * Members' points as messages and audiences need them: conditions over balances and expiries, and the figures a
 * message names. The points feature provides it.
 */
public interface PointsFacts {

    /** What a message tells a member about their points; {@code expiringOn} is null when nothing is due to expire. */
    record MemberPoints(long available, long expiringPoints, LocalDate expiringOn) {
        public static final MemberPoints NONE = new MemberPoints(0, 0, null);
    }

    /** Members with at least {@code points} available. */
    SqlCondition balanceAtLeast(long points);

    /** Members with points that expire (unless spent) before {@code now} plus {@code days}. */
    SqlCondition expiringWithin(int days, Instant now);

    /** The figures of these members (absent members have none). */
    Map<Long, MemberPoints> points(Tx tx, Collection<Long> memberIds, Instant now);
}
