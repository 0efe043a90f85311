package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.ports.CustomerMergeParticipant;
import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.loyalty.coupon.console.CouponConsole;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.ports.CouponCampaignDirectory;
import dev.kizuna.core.ports.CouponIssuer;
import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.RankLadder;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.core.spi.Cart;
import dev.kizuna.core.spi.CouponCheckout;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.throttle.Backoff;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.Role;
import dev.kizuna.loyalty.budget.Budget;

import java.time.Duration;

/**
 * Coupon campaigns and birthday coupons. Provides {@link CouponCheckout} to the host's checkout. API under
 * {@code /crm/api}:
 * <ul>
 *   <li>{@code POST /campaigns}, {@code PUT /campaigns/{id}} (a new version), {@code POST /campaigns/{id}/status},
 *       {@code POST /campaigns/{id}/codes} ({@code {"count":N}} or {@code {"assignTo":[customer ids]}}),
 *       {@code GET /campaigns/{id}/codes.csv}, {@code PUT /campaigns/{id}/budget}, {@code GET /campaigns/{id}/spend}
 *       ({@code {"unit":"YEN"|"POINTS","total":N,"perDay":N}}) (ADMIN, MARKETER; changes audit-logged);</li>
 *   <li>{@code GET /campaigns}, {@code GET /campaigns/{id}} with statistics, {@code GET /customers/{id}/coupons}
 *       (every console role);</li>
 *   <li>{@code GET /me/coupons} and {@code POST /me/coupons/quote} ({@code {"code":…,"cart":{…}}}) for the shopper.</li>
 * </ul>
 * Configuration: {@code kizuna.coupons.max-failed-attempts} (10 per shopper), {@code …max-failed-attempts-per-address}
 * (30) and {@code …max-failed-attempts-per-prefix} (30) wrong codes before a wait of {@code …first-wait-seconds} (60),
 * doubling up to {@code …max-wait-minutes} (15), the streak forgotten after {@code …forget-hours} (24); {@code …reservation-minutes} (30: an order's reservation that is
 * neither committed nor released stops counting after this), {@code …quote-minutes} (60: how long a quote's version
 * is kept for the reservation). The birthday coupon is a module of its own that builds on these campaigns.
 */
public final class CouponsModule implements KizunaModule {

    @Override
    public String name() {
        return "coupons";
    }

    @Override
    public int startOrder() {
        return 120;
    }

    @Override
    public void start(KizunaContext ctx) {
        KizunaConfig config = ctx.config();
        CampaignStore store = new CampaignStore(ctx.zone(), ctx.host().shopCurrency().getCurrencyCode());
        CodeBatches codes = new CodeBatches(new CouponCodes(), ctx.ports());
        Duration firstWait = Duration.ofSeconds(positive(config, "kizuna.coupons.first-wait-seconds", 60));
        Duration maxWait = Duration.ofMinutes(positive(config, "kizuna.coupons.max-wait-minutes", 15));
        Duration forget = Duration.ofHours(positive(config, "kizuna.coupons.forget-hours", 24));
        CodeGuesses guesses = new CodeGuesses(ctx.database(), ctx.clock(),
                new Backoff(positive(config, "kizuna.coupons.max-failed-attempts", 10), firstWait, maxWait, forget),
                new Backoff(positive(config, "kizuna.coupons.max-failed-attempts-per-address", 30), firstWait, maxWait, forget),
                new Backoff(positive(config, "kizuna.coupons.max-failed-attempts-per-prefix", 30), firstWait, maxWait, forget),
                ctx.metrics());
        CouponBudgets budgets = new CouponBudgets(ctx.database(), store, new CouponBudgetStore(), ctx.clock(), ctx.zone(),
                ctx.audit());
        CouponRedemptions redemptions = new CouponRedemptions(ctx.database(), store, guesses, ctx.clock(),
                () -> ctx.ports().find(RankBenefits.class), () -> ctx.ports().find(SegmentDirectory.class),
                Duration.ofMinutes(positive(config, "kizuna.coupons.reservation-minutes", 30)),
                Duration.ofMinutes(positive(config, "kizuna.coupons.quote-minutes", 60)), budgets, ctx.ports());
        Campaigns campaigns = new Campaigns(ctx.database(), store, codes, ctx.audit(), ctx.clock(),
                () -> ctx.ports().find(SegmentDirectory.class), () -> ctx.ports().find(RankLadder.class),
                ctx.ports().require(Catalog.class));
        ctx.ports().provide(CouponCheckout.class, redemptions);
        ctx.ports().contribute(CustomerMergeParticipant.class, new CouponsMerge());
        ctx.events().onBatch(OrderSubmitted.class, "coupons.order-submitted", EventBus.FEATURE, redemptions::settleSubmitted);
        ctx.ports().provide(Campaigns.class, campaigns);
        ctx.ports().provide(CouponBudgets.class, budgets);
        ctx.ports().provide(CouponIssuer.class, new CouponIssue(store, codes));
        // what a broadcast's coupon picker lists: the campaigns CouponIssue would issue from
        ctx.ports().provide(CouponCampaignDirectory.class, () -> campaigns.list().stream()
                .filter(c -> !c.birthday() && c.status() != CampaignStatus.ENDED)
                .sorted(java.util.Comparator.comparingLong(CampaignView::id).reversed())
                .map(c -> new CouponCampaignDirectory.Campaign(c.id(), c.terms().name())).toList());
        ctx.ports().contribute(TouchpointSource.class, new CouponTouchpoints());
        CouponConsole.register(ctx.console(), campaigns);

        Access manage = Access.admin(Role.ADMIN, Role.MARKETER);
        ctx.api().doc("Creates a coupon campaign").body(CampaignDraft.class).returns(CampaignView.class).status(201)
                .post("/campaigns", manage, r -> ApiResponse.created(campaigns.create(r.body(CampaignDraft.class),
                r.body(StatusRequest.class).status(), r.actor())));
        ctx.api().doc("Lists the coupon campaigns with their statistics").returnsListOf(CampaignView.class)
                .get("/campaigns", Access.admin(), r -> campaigns.list());
        ctx.api().doc("One coupon campaign with its statistics").returns(CampaignView.class)
                .get("/campaigns/{id}", Access.admin(), r -> campaigns.get(r.pathLong("id")));
        ctx.api().doc("Changes a coupon campaign (new terms are a new version)").body(CampaignDraft.class).returns(CampaignView.class)
                .put("/campaigns/{id}", manage, r -> campaigns.update(r.pathLong("id"), r.body(CampaignDraft.class), r.actor()));
        ctx.api().doc("Activates, pauses or ends a coupon campaign").body(StatusRequest.class).returns(CampaignView.class)
                .post("/campaigns/{id}/status", manage, r -> campaigns.changeStatus(r.pathLong("id"),
                r.body(StatusRequest.class).status(), r.actor()));
        ctx.api().doc("Generates a batch of unique codes for a campaign").body(CodeRequest.class).returns(CodeBatchResult.class).status(201)
                .post("/campaigns/{id}/codes", manage, r ->
                ApiResponse.created(campaigns.generateCodes(r.pathLong("id"), r.body(CodeRequest.class), r.actor())));
        ctx.api().doc("A campaign's codes as CSV").produces("text/csv").get("/campaigns/{id}/codes.csv", manage, r ->
                ApiResponse.csv("campaign-" + r.pathLong("id") + "-codes.csv", campaigns.codesCsv(r.pathLong("id"), ctx.zone())));
        ctx.api().doc("A coupon campaign's budget and its spend").returns(CouponBudgets.BudgetView.class)
                .get("/campaigns/{id}/budget", Access.admin(), r -> budgets.of(r.pathLong("id"))
                .orElseThrow(() -> new NotFound("campaign " + r.pathLong("id") + " has no budget")));
        ctx.api().doc("A coupon campaign's spend against its budget: uses and yen of discount in all, today and per shop day")
                .returns(CouponBudgets.SpendReport.class)
                .get("/campaigns/{id}/spend", Access.admin(), r -> budgets.report(r.pathLong("id"),
                        r.queryInt("days", CouponBudgets.REPORT_DAYS, 1, 92)));
        ctx.api().doc("Sets a coupon campaign's budget (yen of discount or bonus points, total and per day)").body(Budget.Request.class)
                .put("/campaigns/{id}/budget", manage, r -> budgets.set(r.pathLong("id"), r.body(Budget.Request.class),
                r.actor()));
        ctx.api().doc("A customer's coupons").returnsListOf(CustomerCoupon.class)
                .get("/customers/{id}/coupons", Access.admin(), r -> campaigns.coupons(r.path("id"), r.locale()));
        ctx.api().doc("The signed-in shopper's coupons").returnsListOf(CustomerCoupon.class)
                .get("/me/coupons", Access.shopper(), r -> campaigns.coupons(r.shopper(), r.locale()));
        ctx.api().doc("Quotes a coupon code for the shopper's cart (counts as an attempt)").body(QuoteRequest.class)
                .post("/me/coupons/quote", Access.shopper(), r -> {
            QuoteRequest q = r.body(QuoteRequest.class);
            if (q.cart() == null) {
                throw new InvalidInput("cart", "required");
            }
            return redemptions.quote(r.shopper(), q.code(), q.cart(), r.clientAddress());
        });
    }

    /** The status a new campaign starts in, or the one asked for; read from the same body as the terms. */
    record StatusRequest(CampaignStatus status) {
    }

    /** A shopper's check of a code against their cart before checkout. */
    record QuoteRequest(String code, Cart cart) {
    }

    private static int positive(KizunaConfig config, String key, int fallback) {
        int v = config.intValue(key, fallback);
        if (v < 1) {
            throw new IllegalArgumentException(key + ": must be at least 1");
        }
        return v;
    }
}
