package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.loyalty.budget.Budget;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Coupon campaigns' budgets: a cap on the yen of discount (or the bonus points) a campaign gives, in total and per
 * shop day. A coupon is given whole or refused ({@link Refusals#BUDGET_SPENT}): a discount smaller than the coupon
 * says would surprise the shopper. Reservations check it under the campaign's row lock, so it holds exactly.
 */
public final class CouponBudgets {

    /** A campaign's budget with what it has given (in all, and today in shop time) and what is left. */
    public record BudgetView(long campaignId, Budget budget, long spent, long spentToday, long left) {
    }

    /** A shop day's live uses of a campaign (or, without a day, all of them): count, yen of discount, bonus points. */
    public record DaySpend(LocalDate day, long uses, long discount, long bonusPoints) {
    }

    /**
     * A campaign's spend against its budget: the budget view (null when it has none), the live uses in all and
     * today, and each of the last {@code days} shop days, newest first (a day without uses shows zeros).
     */
    public record SpendReport(long campaignId, BudgetView budget, DaySpend total, DaySpend today, List<DaySpend> days) {
    }

    /** Shop days a spend report lists by default. */
    public static final int REPORT_DAYS = 14;

    private final Database db;
    private final CampaignStore campaigns;
    private final CouponBudgetStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditLog audit;

    CouponBudgets(Database db, CampaignStore campaigns, CouponBudgetStore store, Clock clock, ZoneId zone, AuditLog audit) {
        this.db = db;
        this.campaigns = campaigns;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.audit = audit;
    }

    /** The campaign's budget and spend; empty when it has none. */
    public Optional<BudgetView> of(long campaignId) {
        return db.inTransaction(tx -> {
            campaigns.find(tx, campaignId).orElseThrow(() -> new NotFound("no campaign " + campaignId));
            return view(tx, campaignId, clock.instant());
        });
    }

    /** The campaign's spend in yen and uses, in all, today and on each of the last {@code days} shop days. */
    public SpendReport report(long campaignId, int days) {
        return db.inTransaction(tx -> {
            campaigns.find(tx, campaignId).orElseThrow(() -> new NotFound("no campaign " + campaignId));
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, zone);
            LocalDate first = today.minusDays(days - 1L);
            List<DaySpend> found = store.days(tx, campaignId, now, first.atStartOfDay(zone).toInstant(), zone);
            List<DaySpend> listed = new ArrayList<>();
            for (LocalDate d = today; !d.isBefore(first); d = d.minusDays(1)) {
                LocalDate day = d;
                listed.add(found.stream().filter(x -> x.day().equals(day)).findFirst()
                        .orElse(new DaySpend(day, 0, 0, 0)));
            }
            DaySpend total = store.total(tx, campaignId, now);
            return new SpendReport(campaignId, view(tx, campaignId, now).orElse(null), total, listed.get(0), listed);
        });
    }

    public BudgetView set(long campaignId, Budget.Request request, String actor) {
        if (request == null) {
            throw new InvalidInput("body", "json-object-required");
        }
        Budget b = request.budget();
        return db.inTransaction(tx -> {
            campaigns.lock(tx, campaignId).orElseThrow(() -> new NotFound("no campaign " + campaignId));
            Instant now = clock.instant();
            Optional<BudgetView> before = view(tx, campaignId, now);
            if (before.isPresent() && before.get().spent() > 0 && before.get().budget().unit() != b.unit()) {
                throw new InvalidInput("unit", "budget.unit-fixed");
            }
            store.save(tx, campaignId, b, now, actor);
            audit.record(tx, actor, "coupon.budget", "campaign:" + campaignId,
                    before.map(BudgetView::budget).orElse(null), b);
            return view(tx, campaignId, now).orElseThrow();
        });
    }

    /**
     * Refuses a use that would pass the campaign's budget. Called with the campaign row locked when reserving, so
     * what the other uses gave cannot change before this one is written.
     */
    void check(Tx tx, long campaignId, RedemptionRules.Applied applied, Instant now) {
        Optional<BudgetView> v = view(tx, campaignId, now);
        if (v.isEmpty()) {
            return;
        }
        long wanted = v.get().budget().unit() == Budget.Unit.YEN ? applied.discount() : applied.bonusPoints();
        if (wanted > v.get().left() || v.get().left() == 0) {
            throw new Conflict(Refusals.BUDGET_SPENT, "this coupon's budget is spent");
        }
    }

    private Optional<BudgetView> view(Tx tx, long campaignId, Instant now) {
        return store.find(tx, campaignId).map(b -> {
            LocalDate today = LocalDate.ofInstant(now, zone);
            CouponBudgetStore.Spend s = store.spend(tx, campaignId, b.unit(), today.atStartOfDay(zone).toInstant(),
                    today.plusDays(1).atStartOfDay(zone).toInstant(), now);
            return new BudgetView(campaignId, b, s.spent(), s.spentToday(), b.left(s.spent(), s.spentToday()));
        });
    }
}
