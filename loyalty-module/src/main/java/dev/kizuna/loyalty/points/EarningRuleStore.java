package dev.kizuna.loyalty.points;

import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Tx;
import org.hibernate.query.SelectionQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The merchant's earning rule versions and campaigns in the database. */
final class EarningRuleStore {
    private final EarningRules defaults;

    EarningRuleStore(EarningRules defaults) {
        this.defaults = defaults;
    }

    /** The rules an order submitted at {@code at} earns by. */
    EarningRules rulesAt(Tx tx, Instant at) {
        return rules(tx, "from EarningRuleEntity where effectiveFrom <= :at order by effectiveFrom desc, version desc",
                q -> q.setParameter("at", at).setMaxResults(1)).stream().findFirst().orElse(defaults);
    }

    /**
     * The rule versions that may be in force at instants from {@code from} to {@code to}, latest first: for any
     * instant in that span, the first version not effective after it is the one {@link #rulesAt} reads (none: the
     * defaults).
     */
    List<EarningRules> rulesBetween(Tx tx, Instant from, Instant to) {
        List<EarningRules> versions = new ArrayList<>(rules(tx,
                "from EarningRuleEntity where effectiveFrom > :from and effectiveFrom <= :to",
                q -> q.setParameter("from", from).setParameter("to", to)));
        rules(tx, "from EarningRuleEntity where effectiveFrom <= :from order by effectiveFrom desc, version desc",
                q -> q.setParameter("from", from).setMaxResults(1)).forEach(versions::add);
        versions.sort(Comparator.comparing(EarningRules::effectiveFrom).thenComparing(EarningRules::version).reversed());
        return versions;
    }

    /** What {@link #rulesAt} reads, picked from {@link #rulesBetween} of a span holding {@code at}. */
    EarningRules inForce(List<EarningRules> versions, Instant at) {
        for (EarningRules r : versions) {
            if (!r.effectiveFrom().isAfter(at)) {
                return r;
            }
        }
        return defaults;
    }

    List<EarningRules> versions(Tx tx) {
        return rules(tx, "from EarningRuleEntity order by version desc", q -> q);
    }

    /** Saves a new version (versions are never changed, so an order keeps the rules it was submitted under). */
    EarningRules addVersion(Tx tx, EarningRules r, Instant now, String actor) {
        tx.sql().update("LOCK TABLE points_rule IN SHARE ROW EXCLUSIVE MODE");
        int version = (int) tx.sql().number("SELECT coalesce(max(version), 0) + 1 FROM points_rule");
        EarningRuleEntity e = new EarningRuleEntity();
        e.version = version;
        e.baseRatePer100 = r.baseRatePer100();
        e.registrationBonus = r.registrationBonus();
        e.firstOrderBonus = r.firstOrderBonus();
        e.effectiveFrom = r.effectiveFrom();
        e.createdAt = now;
        e.createdBy = actor;
        tx.session().persist(e);
        tx.session().flush();
        return new EarningRules(version, r.baseRatePer100(), r.registrationBonus(), r.firstOrderBonus(), r.effectiveFrom());
    }

    List<Campaign> campaignsAt(Tx tx, Instant at) {
        return campaigns(tx, "from PointCampaignEntity where startsAt <= :at and endsAt > :at order by id",
                q -> q.setParameter("at", at));
    }

    /** The campaigns active at some instant from {@code from} to {@code to}, by id ({@link Campaign#activeAt} picks). */
    List<Campaign> campaignsBetween(Tx tx, Instant from, Instant to) {
        return campaigns(tx, "from PointCampaignEntity where startsAt <= :to and endsAt > :from order by id",
                q -> q.setParameter("to", to).setParameter("from", from));
    }

    List<Campaign> campaigns(Tx tx, int limit) {
        return campaigns(tx, "from PointCampaignEntity order by id desc", q -> q.setMaxResults(limit));
    }

    Campaign addCampaign(Tx tx, Campaign c, Instant now, String actor) {
        PointCampaignEntity e = PointCampaignEntity.of(c, now, actor);
        tx.session().persist(e);
        // Read back what the database stored (timestamps at its precision), as the console shows it.
        tx.session().refresh(e);
        return e.toCampaign();
    }

    Optional<Campaign> find(Tx tx, long id) {
        return campaigns(tx, "from PointCampaignEntity where id = :id", q -> q.setParameter("id", id)).stream().findFirst();
    }

    /** Ends a campaign now (its terms never change; orders already submitted keep them). */
    Campaign end(Tx tx, long id, Instant now, String actor) {
        PointCampaignEntity e = tx.session().get(PointCampaignEntity.class, id);
        if (e == null) {
            throw new NotFound("no campaign " + id);
        }
        if (e.endsAt.isAfter(now)) {
            Instant end = e.endsAt.isBefore(now) ? e.endsAt : now;
            e.endsAt = end.isBefore(e.startsAt) ? e.startsAt : end;
            e.endedEarlyBy = actor;
            tx.session().flush();
            tx.session().refresh(e);
        }
        return e.toCampaign();
    }

    /** A read of rule versions: mapped to the domain, nothing left in the session. */
    private static List<EarningRules> rules(Tx tx, String hql,
                                            UnaryOperator<SelectionQuery<EarningRuleEntity>> params) {
        List<EarningRuleEntity> rows = params.apply(tx.session().createSelectionQuery(hql, EarningRuleEntity.class)
                .setReadOnly(true)).getResultList();
        List<EarningRules> out = rows.stream().map(EarningRuleEntity::toRules).toList();
        rows.forEach(tx.session()::detach);
        return out;
    }

    private static List<Campaign> campaigns(Tx tx, String hql,
                                            UnaryOperator<SelectionQuery<PointCampaignEntity>> params) {
        List<PointCampaignEntity> rows = params.apply(tx.session().createSelectionQuery(hql, PointCampaignEntity.class)
                .setReadOnly(true)).getResultList();
        List<Campaign> out = rows.stream().map(PointCampaignEntity::toCampaign).toList();
        rows.forEach(tx.session()::detach);
        return out;
    }
}
