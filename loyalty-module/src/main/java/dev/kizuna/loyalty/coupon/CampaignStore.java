package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CouponIssuer;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Campaigns and their versions in SQL. */
public final class CampaignStore {
    private final ZoneId zone;
    private final String shopCurrency;

    public CampaignStore(ZoneId zone, String shopCurrency) {
        this.zone = zone;
        this.shopCurrency = shopCurrency;
    }

    public record CampaignRow(long id, CampaignKind kind, String publicCode, CampaignStatus.Stored status,
                              int currentVersion, Instant createdAt, String createdBy, Instant updatedAt) {
    }

    private static final String SELECT = """
            SELECT id, kind, public_code, status, current_version, created_at, created_by, updated_at FROM coupon_campaign""";

    private static CampaignRow map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CampaignRow(rs.getLong(1), CampaignKind.valueOf(rs.getString(2)), rs.getString(3),
                CampaignStatus.Stored.valueOf(rs.getString(4)), rs.getInt(5),
                Sql.instant(rs, "created_at"), rs.getString(7), Sql.instant(rs, "updated_at"));
    }

    public long insert(Tx tx, CampaignKind kind, String publicCode, CampaignStatus.Stored status, CampaignTerms terms, String actor, Instant now) {
        long id = tx.sql().one("""
                INSERT INTO coupon_campaign (kind, public_code, status, current_version, created_at, created_by, updated_at)
                VALUES (?, ?, ?, 1, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1),
                kind, publicCode, status, now, actor, now).orElseThrow();
        tx.sql().update("""
                INSERT INTO coupon_campaign_version (campaign_id, version, terms, created_at, created_by)
                VALUES (?, 1, ?::jsonb, ?, ?)""", id, Json.write(terms), now, actor);
        return id;
    }

    /** Writes {@code terms} as the campaign's next version and makes it current; returns the version number. */
    public int addVersion(Tx tx, long id, CampaignTerms terms, String actor, Instant now) {
        int version = tx.sql().one("""
                UPDATE coupon_campaign SET current_version = current_version + 1, updated_at = ? WHERE id = ?
                RETURNING current_version""", rs -> rs.getInt(1), now, id).orElseThrow();
        tx.sql().update("""
                INSERT INTO coupon_campaign_version (campaign_id, version, terms, created_at, created_by)
                VALUES (?, ?, ?::jsonb, ?, ?)""", id, version, Json.write(terms), now, actor);
        return version;
    }

    public Optional<CampaignRow> find(Tx tx, long id) {
        return tx.sql().one(SELECT + " WHERE id = ?", CampaignStore::map, id);
    }

    /** The campaign row, locked: redemptions of one campaign and changes to it take turns, so limits hold. */
    public Optional<CampaignRow> lock(Tx tx, long id) {
        return tx.sql().one(SELECT + " WHERE id = ? FOR UPDATE", CampaignStore::map, id);
    }

    public Optional<CampaignRow> byPublicCode(Tx tx, String code) {
        return tx.sql().one(SELECT + " WHERE public_code = ?", CampaignStore::map, code);
    }

    public Optional<CampaignRow> birthday(Tx tx) {
        return tx.sql().one(SELECT + " WHERE kind = ?", CampaignStore::map, CampaignKind.BIRTHDAY);
    }

    public List<CampaignRow> all(Tx tx) {
        return tx.sql().list(SELECT + " ORDER BY id DESC", CampaignStore::map);
    }

    public CampaignTerms terms(Tx tx, long id, int version) {
        String json = tx.sql().one("SELECT terms::text FROM coupon_campaign_version WHERE campaign_id = ? AND version = ?",
                rs -> rs.getString(1), id, version).orElseThrow(() ->
                new IllegalStateException("campaign " + id + " has no version " + version));
        return read(json);
    }

    /** Checks a draft, with the shop's zone and currency as defaults. */
    public CampaignTerms check(CampaignDraft draft) {
        return CampaignTerms.from(draft, zone, shopCurrency);
    }

    /** A stored version: the JSON {@link #insert} wrote, read back through the same check. */
    CampaignTerms read(String json) {
        return check(Json.read(json, CampaignDraft.class));
    }

    public void setStatus(Tx tx, long id, CampaignStatus.Stored status, Instant now) {
        tx.sql().update("UPDATE coupon_campaign SET status = ?, updated_at = ? WHERE id = ?", status, now, id);
    }

    public void setPublicCode(Tx tx, long id, String code, Instant now) {
        tx.sql().update("UPDATE coupon_campaign SET public_code = ?, updated_at = ? WHERE id = ?", code, now, id);
    }

    public CampaignStatistics statistics(Tx tx, long id, Instant now) {
        long issued = tx.sql().number("SELECT count(*) FROM coupon_code WHERE campaign_id = ?", id);
        return tx.sql().one("""
                SELECT count(*) FILTER (WHERE status = %1$s AND expires_at > ?),
                       count(*) FILTER (WHERE status = %2$s),
                       coalesce(sum(discount) FILTER (WHERE status = %2$s), 0),
                       coalesce(sum(order_amount) FILTER (WHERE status = %2$s), 0),
                       coalesce(sum(bonus_points) FILTER (WHERE status = %2$s), 0)
                FROM coupon_redemption WHERE campaign_id = ? AND status <> %3$s""".formatted(
                        Sql.literals(RedemptionStatus.RESERVED), Sql.literals(RedemptionStatus.COMMITTED),
                        Sql.literals(RedemptionStatus.RELEASED)),
                rs -> new CampaignStatistics(issued, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                now, id).orElseThrow();
    }

    /** Committed uses of the codes a caller's query selects, and their discount. */
    CouponIssuer.Redeemed redeemed(Tx tx, String codesQuery, List<Object> args) {
        List<Object> all = new ArrayList<>();
        all.add(RedemptionStatus.COMMITTED);
        all.addAll(args);
        return tx.sql().one("""
                SELECT count(*), coalesce(sum(r.discount), 0) FROM coupon_redemption r
                WHERE r.status = ? AND r.personal AND r.code IN (""" + codesQuery + ")",
                rs -> new CouponIssuer.Redeemed(rs.getLong(1), rs.getLong(2)), all.toArray()).orElseThrow();
    }
}
