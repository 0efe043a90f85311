package dev.kizuna.loyalty.points;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.catalog.Catalog;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.core.text.LocalizedText;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The merchant's earning rules and campaigns as the console edits them: every change is a new rule version or a new
 * campaign (terms never change afterwards, so each order keeps what it was submitted under), validated, audit-logged.
 */
public final class EarningProgram {

    /** A new rule version; {@code effectiveFrom} defaults to now and may not lie in the past. */
    public record RulesChange(Integer baseRatePer100, Long registrationBonus, Long firstOrderBonus, Instant effectiveFrom) {
    }

    public record CampaignRequest(LocalizedText name, String kind, Integer multiplierPercent, Long bonusPoints, List<String> categories,
                           List<String> skus, String segment, Instant startsAt, Instant endsAt) {
    }

    public record RulesView(EarningRules inForce, List<EarningRules> versions, List<Campaign> campaigns) {
    }

    private final Database db;
    private final EarningRuleStore store;
    private final Clock clock;
    private final AuditLog audit;
    private final Supplier<Optional<SegmentDirectory>> segments;
    private final Catalog catalog;

    EarningProgram(Database db, EarningRuleStore store, Clock clock, AuditLog audit,
                   Supplier<Optional<SegmentDirectory>> segments, Catalog catalog) {
        this.catalog = catalog;
        this.db = db;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.segments = segments;
    }

    public RulesView view() {
        return db.inTransaction(tx -> new RulesView(store.rulesAt(tx, clock.instant()), store.versions(tx),
                store.campaigns(tx, 200)));
    }

    public EarningRules change(RulesChange c, String actor) {
        if (c.baseRatePer100() == null) {
            throw new InvalidInput("baseRatePer100", "required");
        }
        Instant now = clock.instant();
        Instant from = c.effectiveFrom() == null ? now : c.effectiveFrom();
        if (from.isBefore(now.minusSeconds(60))) {
            throw new InvalidInput("effectiveFrom", "points.effective-from-past");
        }
        EarningRules wanted = new EarningRules(null, c.baseRatePer100(),
                c.registrationBonus() == null ? 0 : c.registrationBonus(),
                c.firstOrderBonus() == null ? 0 : c.firstOrderBonus(), from);
        return db.inTransaction(tx -> {
            EarningRules before = store.rulesAt(tx, from);
            EarningRules saved = store.addVersion(tx, wanted, now, actor);
            audit.record(tx, actor, "points.rules", "points-rules:" + saved.version(), before, saved);
            return saved;
        });
    }

    public List<Campaign> campaigns() {
        return db.inTransaction(tx -> store.campaigns(tx, 200));
    }

    public Campaign create(CampaignRequest r, String actor) {
        Campaign.Kind kind;
        try {
            kind = r.kind() == null ? null : Campaign.Kind.valueOf(r.kind().trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("kind", "points.campaign-kind");
        }
        if (r.name() == null) {
            throw new InvalidInput("name", "points.name-required");
        }
        Campaign c = new Campaign(null, r.name(), kind, r.multiplierPercent(), r.bonusPoints(),
                r.categories(), r.skus(), r.segment() == null ? null : r.segment().trim(), r.startsAt(), r.endsAt());
        if (!c.endsAt().isAfter(c.startsAt())) {
            throw new InvalidInput("endsAt", "must-be-after", new ProblemTexts.Field("startsAt"));
        }
        if (!c.endsAt().isAfter(clock.instant())) {
            throw new InvalidInput("endsAt", "must-be-future");
        }
        return db.inTransaction(tx -> {
            SegmentDirectory.requireListed(segments.get(), tx, c.segment(), "segment");
            catalog.requireCategories(tx, c.categories(), "categories");
            catalog.requireSkus(tx, c.skus(), "skus");
            Campaign saved = store.addCampaign(tx, c, clock.instant(), actor);
            audit.record(tx, actor, "points.campaign.create", "points-campaign:" + saved.id(), null, saved);
            return saved;
        });
    }

    public Campaign end(long id, String actor) {
        return db.inTransaction(tx -> {
            Campaign before = store.find(tx, id).orElseThrow(() -> new NotFound("no campaign " + id));
            Campaign after = store.end(tx, id, clock.instant(), actor);
            audit.record(tx, actor, "points.campaign.end", "points-campaign:" + id, before, after);
            return after;
        });
    }
}
