package dev.kizuna.loyalty.points;

import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.loyalty.points.console.PointsConsole;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.ports.CustomerMergeParticipant;
import dev.kizuna.core.ports.OrderPresence;
import dev.kizuna.core.ports.PointsFacts;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.ports.TouchpointSource;
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
import dev.kizuna.loyalty.budget.Budget;

import java.time.YearMonth;
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
 *       {@code POST /points/campaigns}, {@code POST /points/campaigns/{id}/end} (ADMIN, MARKETER), audited;</li>
 *   <li>{@code GET /points/budgets} (spend against each budget), {@code PUT /points/campaigns/{id}/budget} and
 *       {@code PUT /points/rules/budget} {@code {"unit":"POINTS"|"YEN","total":N,"perDay":N}} (ADMIN, MARKETER),
 *       audited;</li>
 *   <li>{@code GET /points/statements?from=YYYY-MM&to=YYYY-MM} and {@code …/statements.csv} (the monthly points
 *       accounts: liability, issued by source, redeemed, expired, reversed), {@code GET /points/breakage} (ADMIN).</li>
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
        PointLedger ledger = new PointLedger(ctx.cipher(), ctx.metrics(), ctx.ports());
        ctx.sealed().add("points_entry", ledger::reseal);
        ctx.ports().contribute(CustomerMergeParticipant.class, new PointsMerge(ledger, ctx.cipher()));
        EarningRuleStore rules = new EarningRuleStore(settings.defaults());
        Redemptions redemptions = new Redemptions(ctx.database(), ledger, ctx.clock(), settings, currency,
                () -> ctx.ports().find(OrderPresence.class));
        PointsAccounts accounts = new PointsAccounts(ctx.database(), ledger, ctx.clock(), ctx.zone(), settings, ctx.audit());
        BudgetStore budgetStore = new BudgetStore();
        PointsEarning earning = new PointsEarning(rules, accounts, ctx.ports(), ctx.clock(), settings, currency,
                budgetStore, ctx.zone(), ctx.metrics());
        ctx.metrics().pointsLiability(accounts::liability);
        PointsBudgets budgets = new PointsBudgets(ctx.database(), budgetStore, rules, ctx.clock(), ctx.zone(), ctx.audit());
        PointsReversal reversal = new PointsReversal(ledger, redemptions, ctx.clock());
        PointsConfirmation confirmation = new PointsConfirmation(ledger, ctx.ports(), settings);
        EarningProgram program = new EarningProgram(ctx.database(), rules, ctx.clock(), ctx.audit(),
                () -> ctx.ports().find(SegmentDirectory.class), ctx.ports().require(Catalog.class));

        ctx.ports().provide(PointsCheckout.class, redemptions);
        ctx.ports().provide(RewardGranter.class, accounts);
        ctx.ports().contribute(TouchpointSource.class, new PointsTouchpoints());
        ctx.ports().provide(PointsQueries.class, accounts);
        ctx.ports().provide(PointsAdjustments.class, accounts);
        LedgerReports reports = new LedgerReports(ctx.database(), ctx.clock(), ctx.zone());
        ctx.ports().provide(PointsReports.class, reports);
        ctx.ports().provide(EarningProgram.class, program);
        ctx.ports().provide(PointsBudgets.class, budgets);
        PointsStatements statements = new PointsStatements(ctx.database(), ctx.clock(), ctx.zone(), currency, settings);
        ctx.ports().provide(PointsStatements.class, statements);
        ctx.ports().provide(PointsFacts.class, new PointsAudience(settings, ctx.zone()));
        PointsConsole.register(ctx.console(), accounts, reports);

        ctx.events().onBatch(OrderSubmitted.class, "points.order-submitted", EventBus.FEATURE, earning::submittedAll);
        ctx.events().onBatch(OrderDelivered.class, "points.order-delivered", EventBus.FEATURE, confirmation::delivered);
        ctx.events().on(OrderCancelled.class, "points.order-cancelled", EventBus.FEATURE, reversal::cancelled);
        ctx.events().on(OrderReturned.class, "points.order-returned", EventBus.FEATURE, reversal::returned);
        ctx.events().on(CustomerRegistered.class, "points.customer-registered", EventBus.FEATURE, earning::registered);

        ctx.jobs().register(new PointsConfirmationJob(confirmation));
        ctx.jobs().register(new PointsExpiryJob(ledger, settings, ctx.zone()));
        ctx.jobs().register(new PointsExpiringNoticeJob(settings, ctx.zone(), ctx.ports(),
                ctx.config().intValue("kizuna.points.expiring-notice-days", 7)));
        ctx.jobs().register(new PointsVerificationJob());
        ctx.jobs().register(new PointsHoldReleaseJob(redemptions));

        Access staff = Access.admin(Role.ADMIN, Role.SUPPORT, Role.MARKETER);
        Access support = Access.admin(Role.ADMIN, Role.SUPPORT);
        Access marketing = Access.admin(Role.ADMIN, Role.MARKETER);
        Access admin = Access.admin(Role.ADMIN);
        ctx.api().doc("A customer's balance, ledger and lots").returns(PointsQueries.PointsView.class)
                .get("/customers/{id}/points", staff, r -> accounts.points(r.path("id"), r.locale(),
                        r.queryInt("limit", 20, 1, 200), r.queryInt("offset", 0, 0, Integer.MAX_VALUE), true)
                .orElseThrow(() -> new NotFound("no customer " + r.path("id"))));
        ctx.api().doc("The signed-in shopper's balance, ledger and expiring points").returns(PointsQueries.PointsView.class)
                .get("/me/points", Access.shopper(), r -> accounts.points(r.shopper(), r.locale(),
                r.queryInt("limit", 20, 1, 200), r.queryInt("offset", 0, 0, Integer.MAX_VALUE), false).orElseThrow()
                .forShopper());
        ctx.api().doc("A customer's ledger as CSV").produces("text/csv").get("/customers/{id}/points.csv", support, r ->
                ApiResponse.csv("points-" + r.path("id").replaceAll("[^A-Za-z0-9_-]", "_") + ".csv",
                        accounts.csv(r.path("id"), r.locale())));
        ctx.api().doc("Adjusts a customer's points either way with a reason (audited)").body(PointsAdjustments.Adjustment.class).returns(PointsQueries.Balance.class).status(201)
                .post("/customers/{id}/points/adjustments", support, r ->
                ApiResponse.created(accounts.adjust(r.path("id"), r.body(PointsAdjustments.Adjustment.class), r.actor())));
        ctx.api().doc("The earning rules in force and their versions").returns(EarningProgram.RulesView.class)
                .get("/points/rules", marketing, r -> program.view());
        ctx.api().doc("Saves a new version of the earning rules").body(EarningProgram.RulesChange.class).returns(EarningRules.class)
                .put("/points/rules", marketing, r -> program.change(r.body(EarningProgram.RulesChange.class), r.actor()));
        ctx.api().doc("Lists the point campaigns").returnsListOf(Campaign.class)
                .get("/points/campaigns", marketing, r -> program.campaigns());
        ctx.api().doc("Creates a point campaign").body(EarningProgram.CampaignRequest.class).returns(Campaign.class).status(201)
                .post("/points/campaigns", marketing, r ->
                ApiResponse.created(program.create(r.body(EarningProgram.CampaignRequest.class), r.actor())));
        ctx.api().doc("Ends a point campaign now").returns(Campaign.class)
                .post("/points/campaigns/{id}/end", marketing, r -> program.end(r.pathLong("id"), r.actor()));
        ctx.api().doc("Point budgets with their spend").get("/points/budgets", marketing, r -> budgets.list());
        ctx.api().doc("Monthly points statements per currency (opening, issued, redeemed, expired, reversed, closing)")
                .get("/points/statements", admin, r -> statements.statements(
                PointsStatements.month(r.query("from").orElse(null), "from"),
                PointsStatements.month(r.query("to").orElse(null), "to")));
        ctx.api().doc("Monthly points statements as CSV for the accountant").produces("text/csv").get("/points/statements.csv", admin, r -> {
            YearMonth from = PointsStatements.month(r.query("from").orElse(null), "from");
            YearMonth to = PointsStatements.month(r.query("to").orElse(null), "to");
            return ApiResponse.csv("points-statement-" + from + "-" + to + ".csv", statements.csv(from, to));
        });
        ctx.api().doc("Estimated breakage rate from past cohorts").get("/points/breakage", admin, r -> statements.breakage());
        ctx.api().doc("Sets a point campaign's budget").body(Budget.Request.class)
                .put("/points/campaigns/{id}/budget", marketing, r -> budgets.setForCampaign(r.pathLong("id"),
                r.body(Budget.Request.class), r.actor()));
        ctx.api().doc("Sets the budget of the registration and first-order bonuses").body(Budget.Request.class)
                .put("/points/rules/budget", marketing, r ->
                budgets.setForRuleBonuses(r.body(Budget.Request.class), r.actor()));
    }
}
