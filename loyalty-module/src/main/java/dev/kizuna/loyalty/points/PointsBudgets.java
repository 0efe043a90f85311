package dev.kizuna.loyalty.points;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.loyalty.budget.Budget;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Budgets of point campaigns and of the rules' registration and first-order bonuses, as the console and the API set
 * and show them: the cap, what it has given in all and today (shop day), and what is left. Earning claims from them
 * under the budget's row lock in the order's own transaction ({@link BudgetStore#lock}).
 */
public final class PointsBudgets {

    /**
     * A budget with its spend; {@code campaignId} and {@code campaignName} for a campaign's budget, null for the rule
     * bonuses' one. {@code spent}, {@code spentToday} and {@code left} are in the budget's unit.
     */
    public record BudgetView(String owner, Long campaignId, LocalizedText campaignName, Budget budget, long spent,
                             long spentToday, long left) {

        public boolean exhausted() {
            return left == 0;
        }

        /** How much of the total cap is spent, 0–100 (null without a total cap), for the console's bar. */
        public Integer percentSpent() {
            return budget.total() == null ? null : (int) Math.min(100, spent * 100 / budget.total());
        }
    }

    private final Database db;
    private final BudgetStore store;
    private final EarningRuleStore rules;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;

    PointsBudgets(Database db, BudgetStore store, EarningRuleStore rules, Clock clock, ZoneId zone, AuditLog audit) {
        this.db = db;
        this.store = store;
        this.rules = rules;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
    }

    /** Every budget with its spend, the rule bonuses' first, then the campaigns' newest first. */
    public List<BudgetView> list() {
        return db.inTransaction(tx -> {
            Map<Long, Campaign> campaigns = new HashMap<>();
            rules.campaigns(tx, 1000).forEach(c -> campaigns.put(c.id(), c));
            LocalDate today = LocalDate.now(clock.withZone(zone));
            return store.all(tx, today).stream().map(r -> view(r, campaigns))
                    .sorted((a, b) -> Long.compare(b.campaignId() == null ? Long.MAX_VALUE : b.campaignId(),
                            a.campaignId() == null ? Long.MAX_VALUE : a.campaignId()))
                    .toList();
        });
    }

    /** Sets the budget of a point campaign (audited); what the campaign has given so far stays counted. */
    public BudgetView setForCampaign(long campaignId, Budget.Request request, String actor) {
        Budget b = checked(request);
        return db.inTransaction(tx -> {
            Campaign c = rules.find(tx, campaignId).orElseThrow(() -> new NotFound("no campaign " + campaignId));
            return save(tx, BudgetStore.campaign(campaignId), b, actor, Map.of(campaignId, c));
        });
    }

    /** Sets the budget shared by the registration and first-order bonuses (audited). */
    public BudgetView setForRuleBonuses(Budget.Request request, String actor) {
        Budget b = checked(request);
        return db.inTransaction(tx -> save(tx, BudgetStore.RULE_BONUS, b, actor, Map.of()));
    }

    private static Budget checked(Budget.Request request) {
        if (request == null) {
            throw new InvalidInput("body", "json-object-required");
        }
        return request.budget();
    }

    private BudgetView save(Tx tx, String owner, Budget b, String actor, Map<Long, Campaign> campaigns) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        store.lock(tx, List.of(owner));
        BudgetStore.Row before = store.find(tx, owner, today).orElse(null);
        if (before != null && before.spent() > 0 && before.budget().unit() != b.unit()) {
            throw new InvalidInput("unit", "budget.unit-fixed");
        }
        store.save(tx, owner, b, clock.instant(), actor);
        BudgetStore.Row after = store.find(tx, owner, today).orElseThrow();
        audit.record(tx, actor, "points.budget", "points-budget:" + owner,
                before == null ? null : before.budget(), after.budget());
        return view(after, campaigns);
    }

    private static BudgetView view(BudgetStore.Row r, Map<Long, Campaign> campaigns) {
        Long id = r.owner().startsWith("campaign:") ? Long.valueOf(r.owner().substring("campaign:".length())) : null;
        Campaign c = id == null ? null : campaigns.get(id);
        return new BudgetView(r.owner(), id, c == null ? null : c.name(), r.budget(), r.spent(), r.spentToday(),
                r.budget().left(r.spent(), r.spentToday()));
    }
}
