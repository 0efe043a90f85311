package dev.kizuna.loyalty.points;

import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The merchant's earning rule versions and campaigns in the database. */
final class EarningRuleStore {
    private static final String CAMPAIGN_COLUMNS = """
            id, name_ja, name_en, kind, multiplier_percent, bonus_points, categories, skus, starts_at, ends_at, segment""";

    private final EarningRules defaults;

    EarningRuleStore(EarningRules defaults) {
        this.defaults = defaults;
    }

    /** The rules an order submitted at {@code at} earns by. */
    EarningRules rulesAt(Tx tx, Instant at) {
        return tx.sql().one("""
                SELECT version, base_rate_per_100, registration_bonus, first_order_bonus, effective_from FROM points_rule
                WHERE effective_from <= ? ORDER BY effective_from DESC, version DESC LIMIT 1""", EarningRuleStore::rules, at)
                .orElse(defaults);
    }

    /**
     * The rule versions that may be in force at instants from {@code from} to {@code to}, latest first: for any
     * instant in that span, the first version not effective after it is the one {@link #rulesAt} reads (none: the
     * defaults).
     */
    List<EarningRules> rulesBetween(Tx tx, Instant from, Instant to) {
        List<EarningRules> versions = new ArrayList<>(tx.sql().list("""
                (SELECT version, base_rate_per_100, registration_bonus, first_order_bonus, effective_from FROM points_rule
                 WHERE effective_from <= ? ORDER BY effective_from DESC, version DESC LIMIT 1)
                UNION ALL
                SELECT version, base_rate_per_100, registration_bonus, first_order_bonus, effective_from FROM points_rule
                WHERE effective_from > ? AND effective_from <= ?""", EarningRuleStore::rules, from, from, to));
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
        return tx.sql().list("""
                SELECT version, base_rate_per_100, registration_bonus, first_order_bonus, effective_from FROM points_rule
                ORDER BY version DESC""", EarningRuleStore::rules);
    }

    /** Saves a new version (versions are never changed, so an order keeps the rules it was submitted under). */
    EarningRules addVersion(Tx tx, EarningRules r, Instant now, String actor) {
        tx.sql().update("LOCK TABLE points_rule IN SHARE ROW EXCLUSIVE MODE");
        int version = (int) tx.sql().number("SELECT coalesce(max(version), 0) + 1 FROM points_rule");
        tx.sql().update("""
                INSERT INTO points_rule (version, base_rate_per_100, registration_bonus, first_order_bonus, effective_from,
                       created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                version, r.baseRatePer100(), r.registrationBonus(), r.firstOrderBonus(), r.effectiveFrom(), now, actor);
        return new EarningRules(version, r.baseRatePer100(), r.registrationBonus(), r.firstOrderBonus(), r.effectiveFrom());
    }

    List<Campaign> campaignsAt(Tx tx, Instant at) {
        return tx.sql().list("SELECT " + CAMPAIGN_COLUMNS + " FROM points_campaign WHERE starts_at <= ? AND ends_at > ? ORDER BY id",
                EarningRuleStore::campaign, at, at);
    }

    /** The campaigns active at some instant from {@code from} to {@code to}, by id ({@link Campaign#activeAt} picks). */
    List<Campaign> campaignsBetween(Tx tx, Instant from, Instant to) {
        return tx.sql().list("SELECT " + CAMPAIGN_COLUMNS + " FROM points_campaign WHERE starts_at <= ? AND ends_at > ? ORDER BY id",
                EarningRuleStore::campaign, to, from);
    }

    List<Campaign> campaigns(Tx tx, int limit) {
        return tx.sql().list("SELECT " + CAMPAIGN_COLUMNS + " FROM points_campaign ORDER BY id DESC LIMIT ?",
                EarningRuleStore::campaign, limit);
    }

    Campaign addCampaign(Tx tx, Campaign c, Instant now, String actor) {
        long id = tx.sql().one("""
                INSERT INTO points_campaign (name_ja, name_en, kind, multiplier_percent, bonus_points, categories, skus,
                       segment, starts_at, ends_at, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1),
                c.nameJa(), c.nameEn(), c.kind(), c.multiplierPercent(), c.bonusPoints(),
                tx.sql().textArray(c.categories().toArray(String[]::new)), tx.sql().textArray(c.skus().toArray(String[]::new)),
                c.segment(), c.startsAt(), c.endsAt(), now, actor).orElseThrow();
        return find(tx, id).orElseThrow();
    }

    Optional<Campaign> find(Tx tx, long id) {
        return tx.sql().one("SELECT " + CAMPAIGN_COLUMNS + " FROM points_campaign WHERE id = ?", EarningRuleStore::campaign, id);
    }

    /** Ends a campaign now (its terms never change; orders already submitted keep them). */
    Campaign end(Tx tx, long id, Instant now, String actor) {
        Campaign c = find(tx, id).orElseThrow(() -> new NotFound("no campaign " + id));
        tx.sql().update("""
                UPDATE points_campaign SET ends_at = greatest(starts_at, least(ends_at, ?)), ended_early_by = ?
                WHERE id = ? AND ends_at > ?""", now, actor, id, now);
        return find(tx, c.id()).orElseThrow();
    }

    private static EarningRules rules(ResultSet rs) throws SQLException {
        return new EarningRules(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), Sql.instant(rs, "effective_from"));
    }

    private static Campaign campaign(ResultSet rs) throws SQLException {
        return new Campaign(rs.getLong(1), rs.getString(2), rs.getString(3), Campaign.Kind.valueOf(rs.getString(4)),
                (Integer) rs.getObject(5), (Long) rs.getObject(6), texts(rs.getArray(7)), texts(rs.getArray(8)),
                rs.getString("segment"), Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at"));
    }

    private static List<String> texts(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
