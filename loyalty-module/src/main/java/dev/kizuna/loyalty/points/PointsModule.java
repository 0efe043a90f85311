package dev.kizuna.loyalty.points;

import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.loyalty.points.console.PointsConsole;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.ports.OrderPresence;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.spi.PointsCheckout;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.Role;

import java.util.List;

/**
 * The points ledger (schema in db/migration/points): order points pending until the return window closes, bonus
 * grants, redemption at checkout, reversals with debt, expiry, and the jobs {@code points-confirmation},
 * {@code points-expiry}, {@code points-verification} and {@code points-hold-release}.
 *
 * <p>Provides {@link PointsCheckout} (the host's checkout), {@link RewardGranter} (surveys, coupons, birthdays) and
 * {@link PointsQueries} (console, other modules), {@link PointsAdjustments}, {@link PointsReports} and
 * {@link EarningProgram} (console). API under {@code /crm/api}:
 * <ul>
 *   <li>{@code GET /customers/{id}/points} (ADMIN, SUPPORT, MARKETER), {@code GET /me/points} (the shopper):
 *       balances, next expiries, a page of history ({@code limit}, {@code offset}) in the request's language;</li>
 *   <li>{@code GET /customers/{id}/points.csv} (ADMIN, SUPPORT): the whole ledger;</li>
 *   <li>{@code POST /customers/{id}/points/adjustments} {@code {"points":N,"reason":"…"}} (ADMIN, SUPPORT), audited;</li>
 *   <li>{@code GET /points/rules}, {@code PUT /points/rules} (a new rule version), {@code GET /points/campaigns},
 *       {@code POST /points/campaigns}, {@code POST /points/campaigns/{id}/end} (ADMIN, MARKETER), audited.</li>
 * </ul>
 * Configuration: see {@link PointsSettings}.
 */
public final class PointsModule implements KizunaModule {

    @Override
    public String name() {
        return "points";
    }

    @Override
    public int startOrder() {
        return 100;
    }

    @Override
    public List<Class<?>> entityClasses() {
        return List.of(EarningRuleEntity.class, PointCampaignEntity.class);
    }

    @Override
    public void start(KizunaContext ctx) {
        PointsSettings settings = PointsSettings.from(ctx.config());
        String currency = ctx.host().shopCurrency().getCurrencyCode();
        PointLedger ledger = new PointLedger(ctx.cipher());
        ctx.sealed().add("points_entry", ledger::reseal);
        EarningRuleStore rules = new EarningRuleStore(settings.defaults());
        Redemptions redemptions = new Redemptions(ctx.database(), ledger, ctx.clock(), settings, currency,
                () -> ctx.ports().find(OrderPresence.class));
        PointsAccounts accounts = new PointsAccounts(ctx.database(), ledger, ctx.clock(), ctx.zone(), settings, ctx.audit());
        PointsEarning earning = new PointsEarning(rules, accounts, ctx.ports(), ctx.clock(), settings, currency);
        PointsReversal reversal = new PointsReversal(ledger, redemptions, ctx.clock());
        PointsConfirmation confirmation = new PointsConfirmation(ledger, ctx.ports(), settings);
        EarningProgram program = new EarningProgram(ctx.database(), rules, ctx.clock(), ctx.audit(),
                () -> ctx.ports().find(SegmentDirectory.class), ctx.ports().require(Catalog.class));

        ctx.ports().provide(PointsCheckout.class, redemptions);
        ctx.ports().provide(RewardGranter.class, accounts);
        ctx.ports().provide(PointsQueries.class, accounts);
        ctx.ports().provide(PointsAdjustments.class, accounts);
        LedgerReports reports = new LedgerReports(ctx.database(), ctx.clock(), ctx.zone());
        ctx.ports().provide(PointsReports.class, reports);
        ctx.ports().provide(EarningProgram.class, program);
        PointsConsole.register(ctx.console(), accounts, reports);

        ctx.events().onBatch(OrderSubmitted.class, "points.order-submitted", EventBus.FEATURE, earning::submittedAll);
        ctx.events().on(OrderDelivered.class, "points.order-delivered", EventBus.FEATURE, confirmation::delivered);
        ctx.events().on(OrderCancelled.class, "points.order-cancelled", EventBus.FEATURE, reversal::cancelled);
        ctx.events().on(OrderReturned.class, "points.order-returned", EventBus.FEATURE, reversal::returned);
        ctx.events().on(CustomerRegistered.class, "points.customer-registered", EventBus.FEATURE, earning::registered);

        ctx.jobs().register(new PointsConfirmationJob(confirmation));
        ctx.jobs().register(new PointsExpiryJob(ledger, settings, ctx.zone()));
        ctx.jobs().register(new PointsVerificationJob());
        ctx.jobs().register(new PointsHoldReleaseJob(redemptions));

        Access staff = Access.admin(Role.ADMIN, Role.SUPPORT, Role.MARKETER);
        Access support = Access.admin(Role.ADMIN, Role.SUPPORT);
        Access marketing = Access.admin(Role.ADMIN, Role.MARKETER);
        ctx.api().get("/customers/{id}/points", staff, r -> accounts.points(r.path("id"), r.locale(),
                        r.queryInt("limit", 20, 1, 200), r.queryInt("offset", 0, 0, Integer.MAX_VALUE), true)
                .orElseThrow(() -> new NotFound("no customer " + r.path("id"))));
        ctx.api().get("/me/points", Access.shopper(), r -> accounts.points(r.shopper(), r.locale(),
                r.queryInt("limit", 20, 1, 200), r.queryInt("offset", 0, 0, Integer.MAX_VALUE), false).orElseThrow()
                .forShopper());
        ctx.api().get("/customers/{id}/points.csv", support, r ->
                ApiResponse.csv("points-" + r.path("id").replaceAll("[^A-Za-z0-9_-]", "_") + ".csv",
                        accounts.csv(r.path("id"), r.locale())));
        ctx.api().post("/customers/{id}/points/adjustments", support, r ->
                ApiResponse.created(accounts.adjust(r.path("id"), r.body(PointsAdjustments.Adjustment.class), r.actor())));
        ctx.api().get("/points/rules", marketing, r -> program.view());
        ctx.api().put("/points/rules", marketing, r -> program.change(r.body(EarningProgram.RulesChange.class), r.actor()));
        ctx.api().get("/points/campaigns", marketing, r -> program.campaigns());
        ctx.api().post("/points/campaigns", marketing, r ->
                ApiResponse.created(program.create(r.body(EarningProgram.CampaignRequest.class), r.actor())));
        ctx.api().post("/points/campaigns/{id}/end", marketing, r -> program.end(r.pathLong("id"), r.actor()));
    }
}
