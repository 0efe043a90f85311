package dev.kizuna.loyalty.rank;

import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.ports.RankFacts;
import dev.kizuna.core.ports.RankLadder;
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
 *   <li>{@code GET /ranks/members} (every console role): members per rank for the dashboard.</li>
 * </ul>
 *
 * <p>Configuration: {@code kizuna.ranks.schedule} (Quartz cron, default monthly {@value RankRecalculationJob#DEFAULT_SCHEDULE}),
 * {@code kizuna.ranks.batch-size} (members per batch of the job, default 5,000). Spend thresholds count orders in the
 * shop currency only.
 */
public final class RanksModule implements KizunaModule {

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
        RankStore store = new RankStore(ctx.host().shopCurrency().getCurrencyCode(), ctx.zone());
        MemberRanks ranks = new MemberRanks(ctx.database(), store, ctx.clock(), ctx.zone(), ctx.audit(), ctx.config());
        ctx.ports().provide(RankBenefits.class, ranks);
        ctx.ports().provide(RankReevaluation.class, ranks);
        ctx.ports().provide(RankQueries.class, ranks);
        ctx.ports().provide(RankLadder.class, ranks);
        ctx.ports().provide(RankFacts.class, new RankAudience(store, ctx.clock(), ctx.zone()));
        RankConsole.register(ctx.console(), ranks);
        ctx.jobs().register(new RankRecalculationJob(store, ctx.zone(), ctx.config()));

        ctx.api().get("/customers/{id}/rank", Access.admin(Role.ADMIN, Role.SUPPORT, Role.MARKETER), r ->
                ranks.status(r.path("id"), r.locale(), true)
                        .orElseThrow(() -> new NotFound("no customer " + r.path("id"))));
        ctx.api().get("/me/rank", Access.shopper(), r -> ranks.status(r.shopper(), r.locale(), false).orElseThrow());
        ctx.api().get("/ranks", Access.admin(Role.ADMIN, Role.MARKETER), r -> ranks.definitions());
        ctx.api().get("/ranks/members", Access.admin(), r -> ranks.membersByRank());
        ctx.api().post("/ranks", Access.admin(Role.ADMIN, Role.MARKETER), r ->
                ApiResponse.created(ranks.createRank(r.body(RankQueries.RankView.class), r.actor())));
        ctx.api().put("/ranks/{code}", Access.admin(Role.ADMIN, Role.MARKETER), r ->
                ranks.updateRank(r.path("code"), r.body(RankQueries.RankView.class), r.actor()));
        ctx.api().put("/ranks", Access.admin(Role.ADMIN, Role.MARKETER), r ->
                ranks.updateSettings(r.body(RankQueries.ProgramSettings.class), r.actor()));
    }
}
