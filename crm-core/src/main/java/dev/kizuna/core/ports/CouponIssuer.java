package dev.kizuna.core.ports;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Issues personal single-use codes of an existing coupon campaign to members, in the caller's transaction (a
 * broadcast names each recipient's code in the mail it writes; a referral rewards a side with one). The coupons feature
 * provides it.
 */
public interface CouponIssuer {

    /** A campaign that can issue personal codes, as a picker shows it. */
    record Issuable(long id, LocalizedText name) {
    }

    /** The campaigns that can issue codes now, newest first: what a form offers to pick from. */
    List<Issuable> issuable(Tx tx);

    /** Whether the campaign exists and can issue codes now. */
    boolean canIssue(Tx tx, long campaignId);

    /** One new code per member, valid from now until {@code validTo}; member id to code. */
    Map<Long, String> issue(Tx tx, long campaignId, List<Long> memberIds, Instant now, Instant validTo);

    /**
     * One fresh code per member, drawn but not stored, so a sender can render them into its messages before the
     * transaction that stores both ({@link #store}); empty when the campaign cannot issue now.
     */
    Map<Long, String> draw(Tx tx, long campaignId, List<Long> memberIds);

    /**
     * Stores drawn codes as {@link #issue} would have issued them, valid from now until {@code validTo}. A code that
     * collides with an existing one (2^-84 per pair) fails the statement, and so the caller's transaction, which
     * its job retries with fresh codes.
     */
    void store(Tx tx, long campaignId, Map<Long, String> codes, Instant now, Instant validTo);

    /** Orders placed with codes and the discount they took (minor units), counting committed uses only. */
    record Redeemed(long orders, long discount) {
        public static final Redeemed NONE = new Redeemed(0, 0);
    }

    /**
     * What codes cost the shop so far: {@code codesQuery} is a SQL query selecting one text column of personal codes
     * (a sender's own record of what it issued) with {@code ?} placeholders bound to {@code args}; the coupons feature
     * joins its uses to it in one statement.
     */
    Redeemed redeemed(Tx tx, String codesQuery, List<Object> args);
}
