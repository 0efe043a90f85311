package dev.kizuna.loyalty.rank;

import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.ports.CustomerMergeParticipant;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.ports.RankKeeping;
import dev.kizuna.core.ports.RankFacts;
import dev.kizuna.core.ports.RankLadder;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.loyalty.rank.console.RankConsole;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.RankReevaluation;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.Role;

import java.util.List;

/**
 * Member ranks (Regular, Silver, Gold ... in the style of Japan's large point programs): the merchant's ladder,
 * each member's rank judged over a rolling window of points earned, earning orders and optionally spend, the
 * benefits each rank gives, and the {@code rank-recalculation} job.
 *
 * <p>Provides {@link RankBenefits} (earning rules, birthday coupons and the host's shipping read it),
 * {@link RankReevaluation} (the points feature calls it when points are confirmed, so an upgrade shows at once) and
 * {@link RankQueries} (the console). API under {@code /crm/api}:
 * <ul>
 *   <li>{@code GET /customers/{id}/rank} (ADMIN, SUPPORT, MARKETER) and {@code GET /me/rank} (the shopper): rank,
 *       benefits, the next rank and what is missing, the date the rank is held until, the history;</li>
 *   <li>{@code GET /ranks}, {@code POST /ranks}, {@code PUT /ranks/{code}}, {@code PUT /ranks} (settings: window
 *       and downgrade policy) (ADMIN, MARKETER), every change audit-logged;</li>
 *   <li>member sales with early access by rank: {@code POST /member-sales}, {@code GET /member-sales},
 *       {@code GET /member-sales/{id}/access?customer=ID} (the host's "may this shopper buy now?"),
 *       {@code GET /me/member-sales}, {@code GET /me/member-sales/{id}/access};</li>
 *   <li>{@code GET /ranks/members} (every console role): members per rank for the dashboard.</li>
 * </ul>
 *
 * <p>Configuration: {@code kizuna.ranks.schedule} (Quartz cron, default monthly {@value RankRecalculationJob#DEFAULT_SCHEDULE}),
 * {@code kizuna.ranks.batch-size} (members per batch of the job, default 5,000). Spend thresholds count orders in the
 * shop currency only.
 */
public final class RanksModule implements KizunaModule {

    /** A member sale as the API receives it. */
    record SaleRequest(dev.kizuna.core.text.LocalizedText name, java.time.Instant startsAt, java.time.Instant endsAt,
                       Boolean membersOnly, java.util.List<MemberSale.EarlyAccess> earlyAccess) {
    }

    @Override
    public String name() {
        return "ranks";
    }

    @Override
    public int startOrder() {
        return 110;
    }

    @Override
    public List<Class<?>> entityClasses() {
        return List.of(RankProgramEntity.class, RankDefinitionEntity.class);
    }

    @Override
    public void start(KizunaContext ctx) {
        RankStore store = new RankStore(ctx.host().shopCurrency().getCurrencyCode(), ctx.zone(), ctx.ports());
        MemberRanks ranks = new MemberRanks(ctx.database(), store, ctx.clock(), ctx.zone(), ctx.audit(), ctx.config(),
                ctx.ports().require(Catalog.class));
        ctx.ports().provide(RankBenefits.class, ranks);
        ctx.ports().provide(RankReevaluation.class, ranks);
        ctx.ports().provide(RankQueries.class, ranks);
        ctx.ports().provide(RankLadder.class, ranks);
        ctx.ports().contribute(TouchpointSource.class, new RankTouchpoints());
        ctx.ports().contribute(CustomerMergeParticipant.class, new RanksMerge());
        ctx.ports().provide(RankKeeping.class, ranks);
        MemberSales sales = new MemberSales(ctx.database(), store, new MemberSaleStore(), ctx.clock(), ctx.audit());
        ctx.ports().provide(MemberSales.class, sales);
        ctx.ports().provide(RankFacts.class, new RankAudience(store, ctx.clock(), ctx.zone()));
        RankConsole.register(ctx.console(), ranks, sales);
        ctx.jobs().register(new RankRecalculationJob(store, ctx.zone(), ctx.config()));

        ctx.api().doc("A customer's rank, benefits and progress to the next rank").returns(RankQueries.RankStatus.class)
                .get("/customers/{id}/rank", Access.admin(Role.ADMIN, Role.SUPPORT, Role.MARKETER), r ->
                ranks.status(r.path("id"), r.locale(), true)
                        .orElseThrow(() -> new NotFound("no customer " + r.path("id"))));
        ctx.api().doc("The signed-in shopper's rank, benefits and progress").returns(RankQueries.RankStatus.class)
                .get("/me/rank", Access.shopper(), r -> ranks.status(r.shopper(), r.locale(), false).orElseThrow());
        ctx.api().doc("The rank program: window, downgrade policy and ranks").returns(RankQueries.RankProgramView.class)
                .get("/ranks", Access.admin(Role.ADMIN, Role.MARKETER), r -> ranks.definitions());
        ctx.api().doc("How many members hold each rank").returnsListOf(RankQueries.RankCount.class)
                .get("/ranks/members", Access.admin(), r -> ranks.membersByRank());
        ctx.api().doc("Adds a rank to the program").body(RankQueries.RankView.class).returns(RankQueries.RankView.class).status(201)
                .post("/ranks", Access.admin(Role.ADMIN, Role.MARKETER), r ->
                ApiResponse.created(ranks.createRank(r.body(RankQueries.RankView.class), r.actor())));
        ctx.api().doc("Changes a rank's name, thresholds or benefits").body(RankQueries.RankView.class).returns(RankQueries.RankView.class)
                .put("/ranks/{code}", Access.admin(Role.ADMIN, Role.MARKETER), r ->
                ranks.updateRank(r.path("code"), r.body(RankQueries.RankView.class), r.actor()));
        ctx.api().doc("Creates a member sale with early access by rank").body(SaleRequest.class).status(201)
                .post("/member-sales", Access.admin(Role.ADMIN, Role.MARKETER), r -> {
            SaleRequest q = r.body(SaleRequest.class);
            return ApiResponse.created(sales.create(new MemberSale(null, q.name(), q.startsAt(), q.endsAt(),
                    Boolean.TRUE.equals(q.membersOnly()), q.earlyAccess()), r.actor()));
        });
        ctx.api().doc("Member sales running or to come").get("/member-sales", Access.admin(), r -> sales.current());
        ctx.api().doc("Whether a customer may buy at a member sale now").get("/member-sales/{id}/access", Access.admin(), r -> sales.access(
                r.query("customer").orElseThrow(() -> new dev.kizuna.core.errors.InvalidInput("customer", "required")),
                r.pathLong("id")));
        ctx.api().doc("The member sales announced to the signed-in shopper")
                .get("/me/member-sales", Access.shopper(), r -> sales.announced(r.shopper(), r.locale()));
        ctx.api().doc("Whether the signed-in shopper may buy at a member sale now")
                .get("/me/member-sales/{id}/access", Access.shopper(), r -> sales.access(r.shopper(), r.pathLong("id")));
        ctx.api().doc("Changes the program's window and downgrade policy").body(RankQueries.ProgramSettings.class).returns(RankQueries.RankProgramView.class)
                .put("/ranks", Access.admin(Role.ADMIN, Role.MARKETER), r ->
                ranks.updateSettings(r.body(RankQueries.ProgramSettings.class), r.actor()));
    }
}
