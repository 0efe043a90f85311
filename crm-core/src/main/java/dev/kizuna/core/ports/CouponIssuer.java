package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Issues personal single-use codes of an existing coupon campaign to members, in the caller's transaction (a
 * broadcast names each recipient's code in the mail it writes). The coupons feature provides it.
 */
public interface CouponIssuer {

    /** Whether the campaign exists and can issue codes now. */
    boolean canIssue(Tx tx, long campaignId);

    /** One new code per member, valid from now until {@code validTo}; member id to code. */
    Map<Long, String> issue(Tx tx, long campaignId, List<Long> memberIds, Instant now, Instant validTo);
}
