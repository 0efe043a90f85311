package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.errors.TooManyAttempts;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.mirror.OrderStatus;
import dev.kizuna.core.money.Amounts;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.DomainEvent;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.core.ports.DomainEvents;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.core.spi.Cart;
import dev.kizuna.core.spi.CouponCheckout;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.throttle.Throttle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Coupon codes at the host's checkout: quote, reserve at order submission, commit on payment, release on cancel.
 * A reservation locks the campaign row (and a personal code's row) and counts the uses under that lock, so
 * concurrent checkouts can never exceed a limit. A reservation keeps the campaign version the shopper was quoted.
 * Every lookup of a typed code is claimed against the guessing back-off first ({@link CodeGuesses}); unknown and
 * mistyped codes stay counted, and a shopper, address or prefix that must wait gets
 * {@link dev.kizuna.core.errors.TooManyAttempts} for any code the shopper does not already hold.
 */
public final class CouponRedemptions implements CouponCheckout {
    private final Database db;
    private final CampaignStore campaigns;
    private final CodeGuesses guesses;
    private final Clock clock;
    private final Supplier<Optional<RankBenefits>> ranks;
    private final Supplier<Optional<SegmentDirectory>> segments;
    private final Duration reservationTtl;
    private final Duration quoteKept;
    private final CouponBudgets budgets;
    private final ModulePorts ports;

    CouponRedemptions(Database db, CampaignStore campaigns, CodeGuesses guesses, Clock clock,
                      Supplier<Optional<RankBenefits>> ranks, Supplier<Optional<SegmentDirectory>> segments,
                      Duration reservationTtl, Duration quoteKept, CouponBudgets budgets, ModulePorts ports) {
        this.db = db;
        this.ports = ports;
        this.campaigns = campaigns;
        this.guesses = guesses;
        this.clock = clock;
        this.ranks = ranks;
        this.segments = segments;
        this.reservationTtl = reservationTtl;
        this.quoteKept = quoteKept;
        this.budgets = budgets;
    }

    /** A committed use of a member's coupon as the {@code coupon.redeemed} event (the campaign and order, not the code). */
    private DomainEvent redeemedEvent(ResultSet rs) throws SQLException {
        return new DomainEvent(DomainEventType.COUPON_REDEEMED, rs.getLong(1), clock.instant(),
                Map.of("campaignId", rs.getLong(2), "orderId", rs.getString(3)));
    }

    /** The campaign a typed code points at; for a personal code also its owner and its own window. */
    private record Target(String code, boolean personal, long campaignId, Long ownerMemberId, Instant validFrom,
                          Instant validTo) {
    }

    @Override
    public Quote quote(String customerId, String code, Cart cart, String clientAddress) {
        checkArguments(customerId, code, cart);
        return guarded(customerId, clientAddress, code, () -> db.inTransaction(tx -> {
            Instant now = clock.instant();
            Target target = resolve(tx, code, false);
            CampaignStore.CampaignRow campaign = campaigns.find(tx, target.campaignId()).orElseThrow();
            Long memberId = Members.find(tx, customerId).orElse(null);
            Quote q = evaluate(tx, target, campaign, campaign.currentVersion(), customerId, memberId, cart, now);
            tx.sql().update("""
                    INSERT INTO coupon_quote (customer_ref, code, campaign_id, campaign_version, quoted_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (customer_ref, code) DO UPDATE
                    SET campaign_id = EXCLUDED.campaign_id, campaign_version = EXCLUDED.campaign_version,
                        quoted_at = EXCLUDED.quoted_at""", customerId, target.code(), campaign.id(), q.campaignVersion(), now);
            return q;
        }));
    }

    @Override
    public Quote reserve(String customerId, String orderId, String code, Cart cart, String clientAddress) {
        checkArguments(customerId, code, cart);
        if (orderId == null || orderId.isBlank()) {
            throw new InvalidInput("orderId", "required");
        }
        return guarded(customerId, clientAddress, code, () -> db.inTransaction(tx -> {
            Instant now = clock.instant();
            Target target = resolve(tx, code, false);
            // campaign first, then the code: every path locks in this order
            CampaignStore.CampaignRow campaign = campaigns.lock(tx, target.campaignId()).orElseThrow();
            if (target.personal()) {
                target = resolve(tx, code, true);
            }
            Optional<Quote> existing = reservationOf(tx, orderId);
            if (existing.isPresent()) {
                if (existing.get().code().equals(target.personal() ? CouponCodes.display(target.code()) : target.code())) {
                    return existing.get();
                }
                throw new Conflict(Refusals.ORDER_HAS_COUPON, "order " + orderId + " already has the coupon " + existing.get().code());
            }
            long memberId = Members.ensure(tx, customerId);
            int version = tx.sql().one("""
                    SELECT campaign_version FROM coupon_quote
                    WHERE customer_ref = ? AND code = ? AND campaign_id = ? AND quoted_at > ?""",
                    rs -> rs.getInt(1), customerId, target.code(), campaign.id(), now.minus(quoteKept))
                    .orElse(campaign.currentVersion());
            Quote q = evaluate(tx, target, campaign, version, customerId, memberId, cart, now);
            tx.sql().update("""
                    INSERT INTO coupon_redemption (order_ref, campaign_id, campaign_version, code, personal, customer_ref,
                        member_id, status, currency, order_amount, discount, free_shipping, bonus_points, stackable,
                        reserved_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    orderId, campaign.id(), q.campaignVersion(), target.code(), target.personal(), customerId, memberId,
                    RedemptionStatus.RESERVED, cart.currency(), cart.merchandiseTotal(), q.discount(), q.freeShipping(), q.bonusPoints(),
                    q.stackableWithPoints(), now, now.plus(reservationTtl));
            return q;
        }));
    }

    @Override
    public void commit(String orderId) {
        db.execute(tx -> {
            List<DomainEvent> redeemed = tx.sql().list("""
                    UPDATE coupon_redemption r SET status = ?, committed_at = ?
                    FROM member m WHERE m.customer_ref = r.customer_ref AND r.order_ref = ? AND r.status = ?
                    RETURNING m.id, r.campaign_id, r.order_ref""", this::redeemedEvent, RedemptionStatus.COMMITTED,
                    clock.instant(), orderId, RedemptionStatus.RESERVED);
            int n = redeemed.size() + tx.sql().update("""
                    UPDATE coupon_redemption SET status = ?, committed_at = ?
                    WHERE order_ref = ? AND status = ?""", RedemptionStatus.COMMITTED, clock.instant(), orderId,
                    RedemptionStatus.RESERVED);
            DomainEvents.record(ports, tx, redeemed);
            if (n == 0 && tx.sql().number("""
                    SELECT count(*) FROM coupon_redemption WHERE order_ref = ? AND status = ?""", orderId,
                    RedemptionStatus.COMMITTED) == 0) {
                throw new NotFound("no coupon reservation for order " + orderId);
            }
        });
    }

    /**
     * The host has these orders: a coupon use still only reserved for one of them (a host that cannot share its
     * transaction stopped between its own commit and {@link #commit}) is committed now, so it never lapses and frees
     * a single-use code that a placed order has spent. Hosts that share the transaction committed already; for them
     * this updates nothing.
     */
    void settleSubmitted(List<OrderSubmitted> orders, Tx tx) {
        String[] refs = orders.stream().filter(o -> o.couponCode() != null).map(OrderSubmitted::orderId)
                .toArray(String[]::new);
        if (refs.length == 0) {
            return;
        }
        DomainEvents.record(ports, tx, tx.sql().list("""
                UPDATE coupon_redemption r SET status = ?, committed_at = ?
                FROM member m WHERE m.customer_ref = r.customer_ref AND r.order_ref = ANY(?) AND r.status = ?
                RETURNING m.id, r.campaign_id, r.order_ref""", this::redeemedEvent, RedemptionStatus.COMMITTED,
                clock.instant(), tx.sql().textArray(refs), RedemptionStatus.RESERVED));
        tx.sql().update("""
                UPDATE coupon_redemption SET status = ?, committed_at = ?
                WHERE order_ref = ANY(?) AND status = ?""", RedemptionStatus.COMMITTED, clock.instant(),
                tx.sql().textArray(refs), RedemptionStatus.RESERVED);
    }

    /** Gives the use back (a single-use code becomes usable again); a no-op for an order without a coupon. */
    @Override
    public void release(String orderId) {
        db.execute(tx -> {
            tx.sql().update("""
                    UPDATE coupon_redemption SET status = ?, released_at = ?
                    WHERE order_ref = ? AND status IN (?, ?)""", RedemptionStatus.RELEASED, clock.instant(), orderId,
                    RedemptionStatus.RESERVED, RedemptionStatus.COMMITTED);
        });
    }

    private Optional<Quote> reservationOf(Tx tx, String orderId) {
        return tx.sql().one("""
                SELECT code, campaign_id, campaign_version, discount, free_shipping, bonus_points, stackable, personal
                FROM coupon_redemption WHERE order_ref = ? AND status <> ?""",
                rs -> new Quote(rs.getBoolean(8) ? CouponCodes.display(rs.getString(1)) : rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getBoolean(5),
                        rs.getLong(6), rs.getBoolean(7)), orderId, RedemptionStatus.RELEASED);
    }

    private Quote evaluate(Tx tx, Target target, CampaignStore.CampaignRow campaign, int version, String customerRef,
                           Long memberId, Cart cart, Instant now) {
        switch (campaign.status()) {
            case DRAFT -> throw unknown();
            case PAUSED -> throw new Conflict(Refusals.COUPON_PAUSED, "this coupon is paused");
            case ENDED -> throw new Conflict(Refusals.COUPON_EXPIRED, "this campaign has ended");
            case ACTIVE -> {
                // active: the window decides
            }
        }
        if (target.ownerMemberId() != null && !target.ownerMemberId().equals(memberId)) {
            throw new Conflict(Refusals.NOT_ELIGIBLE, "this code belongs to another customer");
        }
        CampaignTerms terms = campaigns.terms(tx, campaign.id(), version);
        CampaignTerms limits = version == campaign.currentVersion() ? terms : campaigns.terms(tx, campaign.id(), campaign.currentVersion());
        RedemptionRules.Usage usage = usage(tx, target, campaign.id(), customerRef, limits, now);
        RedemptionRules.Applied applied = RedemptionRules.apply(terms, target.validFrom(), target.validTo(), limits,
                cart, now, shopper(tx, customerRef, memberId), usage);
        budgets.check(tx, campaign.id(), applied, now);
        return new Quote(target.personal() ? CouponCodes.display(target.code()) : target.code(), campaign.id(), version,
                applied.discount(), applied.freeShipping(), applied.bonusPoints(), applied.stackableWithPoints());
    }

    /** A use that counts against the limits: committed, or reserved and still in its hold. */
    private static final String ACTIVE = "(status = " + Sql.literals(RedemptionStatus.COMMITTED) + " OR (status = "
            + Sql.literals(RedemptionStatus.RESERVED) + " AND expires_at > ?))";

    private RedemptionRules.Usage usage(Tx tx, Target target, long campaignId, String customerRef, CampaignTerms limits,
                                        Instant now) {
        boolean codeUsed = target.personal() && tx.sql().number(
                "SELECT count(*) FROM coupon_redemption WHERE code = ? AND " + ACTIVE, target.code(), now) > 0;
        long total = limits.totalLimit() == null ? 0 : tx.sql().number(
                "SELECT count(*) FROM coupon_redemption WHERE campaign_id = ? AND " + ACTIVE, campaignId, now);
        long mine = limits.perCustomerLimit() == null ? 0 : tx.sql().number(
                "SELECT count(*) FROM coupon_redemption WHERE campaign_id = ? AND customer_ref = ? AND " + ACTIVE,
                campaignId, customerRef, now);
        return new RedemptionRules.Usage(total, mine, codeUsed);
    }

    private Eligibility.Shopper shopper(Tx tx, String customerRef, Long memberId) {
        return new Eligibility.Shopper() {
            @Override
            public String rankCode() {
                return memberId == null ? RankBenefits.Benefits.NONE.rankCode() : ranks.get()
                        .map(r -> r.benefitsOf(tx, memberId).rankCode()).orElse(RankBenefits.Benefits.NONE.rankCode());
            }

            @Override
            public boolean inSegment(String segmentKey) {
                return memberId != null && segments.get().map(s -> s.inSegment(tx, memberId, segmentKey)).orElse(false);
            }

            @Override
            public boolean hasOrdered() {
                // the mirror's orders, and coupon uses whose order event has not arrived yet
                return (memberId != null && tx.sql().number(
                        "SELECT count(*) FROM order_summary WHERE member_id = ? AND status <> ?", memberId,
                        OrderStatus.CANCELLED) > 0)
                        || tx.sql().number("SELECT count(*) FROM coupon_redemption WHERE customer_ref = ? AND " + ACTIVE,
                        customerRef, clock.instant()) > 0;
            }
        };
    }

    /**
     * A generated code (18 characters of the code alphabet) is checked by its check character before any lookup;
     * anything else is looked up as a campaign's shared code.
     */
    private Target resolve(Tx tx, String typed, boolean lock) {
        String canonical = CouponCodes.canonical(typed);
        if (canonical != null && canonical.length() == CouponCodes.RANDOM_CHARS + 1) {
            if (!CouponCodes.isWellFormed(canonical)) {
                throw new Conflict(Refusals.INVALID_CODE, "this code is mistyped; please check it");
            }
            return tx.sql().one("SELECT campaign_id, member_id, valid_from, valid_to FROM coupon_code WHERE code = ?"
                            + (lock ? " FOR UPDATE" : ""),
                    rs -> {
                        long owner = rs.getLong(2);
                        Long ownerId = rs.wasNull() ? null : owner;
                        return new Target(canonical, true, rs.getLong(1), ownerId, Sql.instant(rs, "valid_from"),
                                Sql.instant(rs, "valid_to"));
                    }, canonical).orElseThrow(CouponRedemptions::unknown);
        }
        String shared = publicForm(typed);
        return campaigns.byPublicCode(tx, shared)
                .map(c -> new Target(shared, false, c.id(), null, null, null))
                .orElseThrow(CouponRedemptions::unknown);
    }

    static String publicForm(String typed) {
        return typed.strip().toUpperCase(Locale.ROOT);
    }

    private static Conflict unknown() {
        return new Conflict(Refusals.UNKNOWN_CODE, "no such coupon code");
    }

    /**
     * Runs a code lookup claimed against the guessing back-off ({@link CodeGuesses}): an unknown or mistyped code
     * stays counted, any other outcome (the code exists) is refunded. While the shopper, the address or the prefix
     * must wait, only a code the shopper already holds is looked up (a personal code issued to them, or a code they
     * were quoted within the quote period); anything else is refused with the wait, the same answer for every code,
     * so a blocked guesser learns nothing and an innocent shopper behind the same address still redeems their own.
     */
    private <T> T guarded(String customerRef, String clientAddress, String code, Supplier<T> work) {
        Throttle.Claim claim = guesses.claim(customerRef, clientAddress, code);
        if (!claim.admitted()) {
            if (!db.inTransaction(tx -> heldBy(tx, customerRef, code))) {
                guesses.refused();
                throw new TooManyAttempts(claim.retryAfter().orElseThrow());
            }
            return work.get();
        }
        try {
            T result = work.get();
            guesses.refund(claim);
            return result;
        } catch (Conflict c) {
            if (!c.code().equals(Refusals.UNKNOWN_CODE) && !c.code().equals(Refusals.INVALID_CODE)) {
                guesses.refund(claim);
            }
            throw c;
        } catch (RuntimeException e) {
            guesses.refund(claim);
            throw e;
        }
    }

    /** Whether the shopper already holds the code: issued to them, or quoted to them within the quote period. */
    private boolean heldBy(Tx tx, String customerRef, String code) {
        Target target;
        try {
            target = resolve(tx, code, false);
        } catch (Conflict unknownOrMistyped) {
            return false;
        }
        if (target.personal() && target.ownerMemberId() != null) {
            return Members.find(tx, customerRef).map(m -> m.equals(target.ownerMemberId())).orElse(false);
        }
        return tx.sql().number("SELECT count(*) FROM coupon_quote WHERE customer_ref = ? AND code = ? AND quoted_at > ?",
                customerRef, target.code(), clock.instant().minus(quoteKept)) > 0;
    }

    private static void checkArguments(String customerId, String code, Cart cart) {
        if (customerId == null || customerId.isBlank()) {
            throw new InvalidInput("customerId", "required");
        }
        if (code == null || code.isBlank()) {
            throw new InvalidInput("code", "required");
        }
        if (code.length() > 64) {
            throw new InvalidInput("code", "too-long", 64);
        }
        if (cart == null) {
            throw new InvalidInput("cart", "required");
        }
        if (cart.currency() == null || cart.currency().isBlank()) {
            throw new InvalidInput("cart.currency", "required");
        }
        long total = 0;
        for (int i = 0; i < cart.lines().size(); i++) {
            Cart.CartLine l = cart.lines().get(i);
            if (l.quantity() < 1 || l.unitPrice() < 0) {
                throw new InvalidInput("cart.lines[" + i + "]", "coupon.cart-line");
            }
            total = Amounts.add("cart.lines[" + i + "].unitPrice", total,
                    Amounts.multiply("cart.lines[" + i + "].unitPrice", l.unitPrice(), l.quantity()));
        }
        Amounts.bounded("cart.lines", total);
    }
}
