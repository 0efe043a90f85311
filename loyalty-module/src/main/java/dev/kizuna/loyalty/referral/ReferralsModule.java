package dev.kizuna.loyalty.referral;

import dev.kizuna.core.ports.CustomerMergeParticipant;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.Role;
import dev.kizuna.loyalty.referral.console.ReferralConsole;

/**
 * The referral program (紹介): every member has a code and a link to share; a shopper registering with one
 * ({@code CustomerRegistered.referralCode}) rewards referrer and referred, each with points or a coupon of a campaign
 * the merchant picks, at registration or once the
 * first (or first delivered) order is past its return window, within a monthly limit per referrer, unless a fraud
 * rule finds the two to be one person (same e-mail or phone blind index, same device or address hash of the host,
 * same payment fingerprint of an order). Points come from the points feature through {@code RewardGranter}, coupons
 * from the coupons feature through {@code CouponIssuer}.
 *
 * <p>API under {@code /crm/api}: {@code GET /me/referral} (the shopper: code, link, referrals and points so far),
 * {@code GET /referrals} (every console role: the newest referrals with state and blocking rule),
 * {@code GET /referrals/program} and {@code PUT /referrals/program} (ADMIN, MARKETER; audit-logged).
 *
 * <p>Configuration: {@code kizuna.referrals.link} (the link a code is shared with, {@code {code}} standing for the
 * code; default the public base URL + {@code /register?ref={code}}).
 */
public final class ReferralsModule implements KizunaModule {

    @Override
    public String name() {
        return "referrals";
    }

    @Override
    public int startOrder() {
        return 125;
    }

    @Override
    public void start(KizunaContext ctx) {
        ReferralStore store = new ReferralStore();
        String link = ctx.config().get("kizuna.referrals.link")
                .orElse(ctx.config().publicBaseUrl() + "/register?ref={code}");
        Referrals referrals = new Referrals(ctx.database(), store, ctx.ports(), ctx.clock(), ctx.zone(), ctx.audit(), link);
        ctx.ports().provide(ReferralQueries.class, referrals);
        ctx.ports().contribute(CustomerMergeParticipant.class, new ReferralsMerge());
        ctx.events().on(CustomerRegistered.class, "referrals.customer-registered", EventBus.FEATURE, referrals::registered);
        ctx.events().on(CustomerDeleted.class, "referrals.customer-deleted", EventBus.FEATURE, referrals::deleted);
        ctx.events().onBatch(OrderSubmitted.class, "referrals.order-submitted", EventBus.FEATURE, referrals::submitted);
        ctx.events().onBatch(OrderDelivered.class, "referrals.order-delivered", EventBus.FEATURE, referrals::delivered);
        ctx.events().on(OrderCancelled.class, "referrals.order-cancelled", EventBus.FEATURE, referrals::cancelled);
        ctx.events().on(OrderReturned.class, "referrals.order-returned", EventBus.FEATURE, referrals::returned);
        ctx.jobs().register(new ReferralRewardJob(referrals, store));
        ReferralConsole.register(ctx.console(), referrals);

        ctx.api().doc("The signed-in shopper's referral code, link and rewards so far").get("/me/referral", Access.shopper(), r -> referrals.mine(r.shopper())
                .orElseThrow(() -> new NotFound("no customer " + r.shopper())));
        ctx.api().doc("The newest referrals with their state and any rule that blocked them").get("/referrals", Access.admin(), r -> referrals.newest(r.queryInt("limit", 100, 1, 1_000)));
        ctx.api().doc("The referral program's settings").get("/referrals/program", Access.admin(Role.ADMIN, Role.MARKETER), r -> referrals.program());
        ctx.api().doc("Changes the referral program's settings (audited)").put("/referrals/program", Access.admin(Role.ADMIN, Role.MARKETER), r ->
                referrals.updateProgram(r.body(ReferralProgram.Draft.class).check(), r.actor()));
    }
}
