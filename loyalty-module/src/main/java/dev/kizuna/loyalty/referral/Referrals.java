package dev.kizuna.loyalty.referral;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CouponIssuer;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.text.LocalizedText;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The referral program at work. A registration with a member's code makes a referral, unless the fraud rules find
 * the referred shopper to be the referrer again ({@link Traces#selfReferral}) or the referrer's month is full; the
 * rewards come at registration, or are held from the qualifying order until it is delivered and past the return
 * window (the {@code referral-rewards} job gives them then). The rules run again before any reward, since the host may
 * tell of a shared device or card only later. Points go through {@link RewardGranter} once per referral and side, a
 * coupon through {@link CouponIssuer} in the transaction that marks the referral rewarded under its row lock, so an
 * event or a job run repeated grants nothing more.
 */
final class Referrals implements ReferralQueries {
    static final String SOURCE = "REFERRAL";
    private static final int CODE_LENGTH = 8;

    private final Database database;
    private final ReferralStore store;
    private final ModulePorts ports;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;
    private final String linkPattern;
    private final SecureRandom random = new SecureRandom();

    Referrals(Database database, ReferralStore store, ModulePorts ports, Clock clock, ZoneId zone, AuditLog audit,
              String linkPattern) {
        this.database = database;
        this.store = store;
        this.ports = ports;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
        this.linkPattern = linkPattern;
    }

    // ---- host events --------------------------------------------------------------------------------------------

    void registered(CustomerRegistered e, Tx tx) {
        long member = Members.ensure(tx, e.customerId());
        code(tx, member);
        if (e.deviceHash() != null) {
            store.signal(tx, member, "DEVICE", e.deviceHash());
        }
        if (e.addressHash() != null) {
            store.signal(tx, member, "ADDRESS", e.addressHash());
        }
        if (e.referralCode() == null) {
            return;
        }
        ReferralProgram program = store.program(tx);
        Optional<Long> referrer = store.memberOfCode(tx, canonical(e.referralCode()));
        if (!program.active() || referrer.isEmpty() || referrer.get() == member) {
            return;
        }
        BlockRule rule = Traces.selfReferral(store.traces(tx, referrer.get()), store.traces(tx, member)).orElse(null);
        if (rule == null && store.countedThisMonth(tx, referrer.get(), monthStart(e.occurredAt())) >= program.monthlyLimit()) {
            rule = BlockRule.MONTHLY_LIMIT;
        }
        ReferralState state = rule != null ? ReferralState.BLOCKED
                : program.rewardOn() == RewardMoment.REGISTRATION ? ReferralState.HELD : ReferralState.AWAITING_ORDER;
        Optional<Long> id = store.insert(tx, referrer.get(), member, program.rewardOn(), state, rule, e.occurredAt());
        if (id.isPresent() && state == ReferralState.HELD) {
            reward(tx, id.get(), e.occurredAt());
        }
    }

    /** An erasure removes the host's hashes of the member's devices, addresses and cards; the referral rows stay. */
    void deleted(CustomerDeleted e, Tx tx) {
        Members.find(tx, e.customerId()).ifPresent(m -> store.forgetSignals(tx, m));
    }

    void submitted(List<OrderSubmitted> orders, Tx tx) {
        // Most orders concern no referral: one statement finds the customers that have one waiting for an order.
        Set<String> waiting = store.customersAwaiting(tx,
                orders.stream().map(OrderSubmitted::customerId).filter(Objects::nonNull).distinct().toArray(String[]::new),
                RewardMoment.FIRST_ORDER);
        for (OrderSubmitted e : orders) {
            if (e.paymentFingerprint() == null && !waiting.contains(e.customerId())) {
                continue;
            }
            Optional<Long> member = Members.find(tx, e.customerId());
            if (member.isEmpty()) {
                continue;
            }
            if (e.paymentFingerprint() != null) {
                store.signal(tx, member.get(), "PAYMENT", e.paymentFingerprint());
            }
            Optional<ReferralStore.Row> awaiting = store.awaitingOf(tx, member.get(), RewardMoment.FIRST_ORDER);
            if (awaiting.isPresent() && !blocked(tx, awaiting.get())) {
                store.hold(tx, awaiting.get().id(), e.orderId(), null);
            }
        }
    }

    /** Deliveries of a batch; only those of orders a referral waits for or holds do anything. */
    void delivered(List<OrderDelivered> deliveries, Tx tx) {
        Set<String> concerned = store.ordersConcerned(tx,
                deliveries.stream().map(OrderDelivered::orderId).distinct().toArray(String[]::new));
        for (OrderDelivered e : deliveries) {
            if (concerned.contains(e.orderId())) {
                delivered(e, tx);
            }
        }
    }

    void delivered(OrderDelivered e, Tx tx) {
        Instant due = e.occurredAt().plus(Duration.ofDays(store.program(tx).confirmDays()));
        Optional<ReferralStore.Row> held = store.heldFor(tx, e.orderId());
        if (held.isEmpty()) {
            Optional<Long> member = store.memberOfOrder(tx, e.orderId());
            Optional<ReferralStore.Row> awaiting = member.flatMap(m -> store.awaitingOf(tx, m, RewardMoment.FIRST_DELIVERED_ORDER));
            if (awaiting.isEmpty() || blocked(tx, awaiting.get())) {
                return;
            }
            store.hold(tx, awaiting.get().id(), e.orderId(), due);
            held = store.lock(tx, awaiting.get().id());
        } else {
            store.due(tx, held.get().id(), due);
        }
        if (!due.isAfter(clock.instant())) {
            reward(tx, held.get().id(), clock.instant());
        }
    }

    void cancelled(OrderCancelled e, Tx tx) {
        undone(tx, e.orderId());
    }

    /** A return of any part of the qualifying order undoes it as a cancel would: the referral was to bring a sale. */
    void returned(OrderReturned e, Tx tx) {
        undone(tx, e.orderId());
    }

    private void undone(Tx tx, String orderRef) {
        store.heldFor(tx, orderRef).ifPresent(r -> store.state(tx, r.id(),
                r.rewardOn() == RewardMoment.FIRST_DELIVERED_ORDER ? ReferralState.AWAITING_ORDER : ReferralState.VOID));
    }

    // ---- rewards ------------------------------------------------------------------------------------------------

    /**
     * Rewards a held referral, after the fraud rules once more; false when it was not held any more, a rule blocks it
     * now, or the feature that gives a side's reward (points, coupons) is not installed. A coupon campaign that can no
     * longer issue (ended since the program named it) gives that side nothing; the referral shows no coupon for it.
     */
    boolean reward(Tx tx, long id, Instant at) {
        Optional<ReferralStore.Row> row = store.lock(tx, id);
        if (row.isEmpty() || row.get().state() != ReferralState.HELD || blocked(tx, row.get())) {
            return false;
        }
        ReferralProgram program = store.program(tx);
        Optional<RewardGranter> granter = ports.find(RewardGranter.class);
        Optional<CouponIssuer> issuer = ports.find(CouponIssuer.class);
        boolean points = program.referrerReward() == RewardKind.POINTS || program.referredReward() == RewardKind.POINTS;
        boolean coupons = program.referrerReward() == RewardKind.COUPON || program.referredReward() == RewardKind.COUPON;
        if (points && granter.isEmpty() || coupons && issuer.isEmpty()) {
            return false;
        }
        ReferralStore.Row r = row.get();
        long referrerPoints = 0;
        long referredPoints = 0;
        if (program.referrerReward() == RewardKind.POINTS && program.referrerPoints() > 0) {
            granter.get().grant(tx, r.referrerId(), program.referrerPoints(), SOURCE, "referral-" + id + "-referrer", null);
            referrerPoints = program.referrerPoints();
        }
        if (program.referredReward() == RewardKind.POINTS && program.referredPoints() > 0) {
            granter.get().grant(tx, r.referredId(), program.referredPoints(), SOURCE, "referral-" + id + "-referred", null);
            referredPoints = program.referredPoints();
        }
        Long referrerCoupon = coupon(tx, issuer, program.couponOfReferrer(), r.referrerId(), program.couponValidDays());
        Long referredCoupon = coupon(tx, issuer, program.couponOfReferred(), r.referredId(), program.couponValidDays());
        store.rewarded(tx, id, referrerPoints, referredPoints, referrerCoupon, referredCoupon, at);
        return true;
    }

    /** Issues the member one code of the campaign, valid from now; the campaign when one was issued, else null. */
    private Long coupon(Tx tx, Optional<CouponIssuer> issuer, Long campaignId, long member, int validDays) {
        if (campaignId == null) {
            return null;
        }
        Instant now = clock.instant();
        return issuer.get().issue(tx, campaignId, List.of(member), now, now.plus(Duration.ofDays(validDays))).isEmpty()
                ? null : campaignId;
    }

    /** Blocks the referral when a fraud rule now finds the referred shopper to be the referrer. */
    private boolean blocked(Tx tx, ReferralStore.Row r) {
        Optional<BlockRule> rule = Traces.selfReferral(store.traces(tx, r.referrerId()), store.traces(tx, r.referredId()));
        rule.ifPresent(b -> store.block(tx, r.id(), b));
        return rule.isPresent();
    }

    // ---- codes --------------------------------------------------------------------------------------------------

    private String code(Tx tx, long member) {
        Optional<String> existing = store.code(tx, member);
        while (existing.isEmpty()) {
            store.insertCode(tx, member, newCode(), clock.instant());
            existing = store.code(tx, member);
        }
        return existing.get();
    }

    private String newCode() {
        StringBuilder b = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            b.append(CouponCodes.ALPHABET.charAt(random.nextInt(CouponCodes.ALPHABET.length())));
        }
        return b.toString();
    }

    /** A code as typed or taken from a link: case and surrounding space do not matter. */
    static String canonical(String typed) {
        return typed.strip().toUpperCase(Locale.ROOT);
    }

    private Instant monthStart(Instant at) {
        return ZonedDateTime.ofInstant(at, zone).withDayOfMonth(1).toLocalDate().atStartOfDay(zone).toInstant();
    }

    // ---- queries ------------------------------------------------------------------------------------------------

    @Override
    public List<ReferralView> newest(int limit) {
        return database.inTransaction(tx -> store.newest(tx, limit));
    }

    @Override
    public ReferralProgram program() {
        return database.inTransaction(store::program);
    }

    @Override
    public List<CouponChoice> couponChoices() {
        return database.inTransaction(tx -> choices(tx));
    }

    private List<CouponChoice> choices(Tx tx) {
        return ports.find(CouponIssuer.class).map(i -> i.issuable(tx).stream()
                .map(c -> new CouponChoice(c.id(), c.name())).toList()).orElse(List.of());
    }

    private static LocalizedText nameOf(List<CouponChoice> choices, Long campaignId) {
        return campaignId == null ? null
                : choices.stream().filter(c -> c.id() == campaignId).map(CouponChoice::name).findFirst().orElse(null);
    }

    @Override
    public ReferralProgram updateProgram(ReferralProgram program, String actor) {
        return database.inTransaction(tx -> {
            Optional<CouponIssuer> issuer = ports.find(CouponIssuer.class);
            if (program.couponOfReferrer() != null
                    && (issuer.isEmpty() || !issuer.get().canIssue(tx, program.couponOfReferrer()))) {
                throw new InvalidInput("referrerCampaignId", "referrals.campaign-unusable");
            }
            if (program.couponOfReferred() != null
                    && (issuer.isEmpty() || !issuer.get().canIssue(tx, program.couponOfReferred()))) {
                throw new InvalidInput("referredCampaignId", "referrals.campaign-unusable");
            }
            ReferralProgram before = store.program(tx);
            store.saveProgram(tx, program, clock.instant(), actor);
            audit.record(tx, actor, "referrals.program", "referral-program", before, program);
            return program;
        });
    }

    @Override
    public Optional<MyReferral> mine(String customerRef) {
        return database.inTransaction(tx -> Members.find(tx, customerRef).map(member -> {
            String code = code(tx, member);
            Tally t = store.tally(tx, member);
            ReferralProgram program = store.program(tx);
            List<CouponChoice> choices = program.couponOfReferrer() == null && program.couponOfReferred() == null
                    ? List.of() : choices(tx);
            return new MyReferral(code, linkPattern.replace("{code}", code), t.referred(), t.rewarded(), t.open(),
                    t.pointsSoFar(), t.couponsSoFar(), program, nameOf(choices, program.couponOfReferrer()),
                    nameOf(choices, program.couponOfReferred()));
        }));
    }
}
