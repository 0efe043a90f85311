package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.metrics.KizunaMetrics;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.throttle.Backoff;
import dev.kizuna.core.throttle.Throttle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Slows coupon code guessing with growing waits per shopper, per client address and per code prefix (the first
 * four characters of a generated code), so rotating the customer id is caught by the address, and many addresses
 * trying codes of one prefix by the prefix. Every lookup is claimed (and committed) under
 * the keys' row locks before it runs: parallel guesses are counted exactly and none is looked up past a limit. A
 * lookup that finds a valid code is {@link #refund}ed, so valid codes cost nothing; while a key must wait, only codes
 * the shopper already holds are looked up ({@link CouponRedemptions}), so another's guessing never refuses them.
 */
final class CodeGuesses {
    static final int PREFIX_LENGTH = 4;

    private final Database db;
    private final Throttle throttle;
    private final Backoff perShopper;
    private final Backoff perAddress;
    private final Backoff perPrefix;

    private final KizunaMetrics metrics;

    CodeGuesses(Database db, Clock clock, Backoff perShopper, Backoff perAddress, Backoff perPrefix, KizunaMetrics metrics) {
        this.db = db;
        this.metrics = metrics;
        this.throttle = new Throttle("coupon_guess_throttle", clock);
        this.perShopper = perShopper;
        this.perAddress = perAddress;
        this.perPrefix = perPrefix;
    }

    /** Claims one code lookup, committed before the lookup runs. */
    Throttle.Claim claim(String customerRef, String clientAddress, String code) {
        return db.inTransaction(tx -> throttle.claim(tx, limits(customerRef, clientAddress, code)));
    }

    /** A lookup the back-off refused (the shopper holds no such code): counted for the metrics. */
    void refused() {
        metrics.couponGuessRefused();
    }

    /** The lookup found a valid code: the claim counts nothing. */
    void refund(Throttle.Claim claim) {
        if (claim.admitted()) {
            db.execute(tx -> throttle.refund(tx, claim));
        }
    }

    private List<Throttle.Limit> limits(String customerRef, String clientAddress, String code) {
        List<Throttle.Limit> limits = new ArrayList<>(3);
        limits.add(new Throttle.Limit("shopper:" + customerRef, perShopper));
        if (clientAddress != null && !clientAddress.isBlank()) {
            limits.add(new Throttle.Limit("address:" + clientAddress, perAddress));
        }
        String prefix = prefix(code);
        if (!prefix.isEmpty()) {
            limits.add(new Throttle.Limit("prefix:" + prefix, perPrefix));
        }
        return limits;
    }

    /**
     * The first characters of a generated code (the 18-character shape of {@link CouponCodes}), or empty for anything
     * else: shared codes are words many shoppers mistype, and a prefix limit on them would refuse the real one.
     */
    static String prefix(String code) {
        String canonical = CouponCodes.canonical(code);
        return canonical != null && canonical.length() == CouponCodes.RANDOM_CHARS + 1
                ? canonical.substring(0, PREFIX_LENGTH) : "";
    }
}
