package dev.kizuna.messaging.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.audience.AudienceJson;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code broadcast} table. */
final class BroadcastStore {
    private static final String COLUMNS = """
            id, name::text, audience::text, channel, purpose, subject::text, body::text, holdout_percent,
            coupon_campaign_id, coupon_valid_days, conversion_days, send_at, status, cursor_member, total, visited,
            started_at, finished_at, created_at""";

    long insert(Tx tx, Broadcast b, String actor) {
        return tx.sql().number("""
                INSERT INTO broadcast (name, audience, channel, purpose, subject, body, holdout_percent,
                                       coupon_campaign_id, coupon_valid_days, conversion_days, send_at, status,
                                       created_at, created_by)
                VALUES (?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                Json.write(b.name()), AudienceJson.write(b.audience()).toString(), b.channel(), b.purpose(),
                Json.write(b.subject()), Json.write(b.body()), b.holdoutPercent(), b.couponCampaignId(),
                b.couponValidDays(), b.conversionDays(), b.sendAt(), b.status(), b.createdAt(), actor);
    }

    /** A broadcast's terms changed before its send started. */
    void update(Tx tx, long id, Broadcast b) {
        tx.sql().update("""
                UPDATE broadcast SET name = ?::jsonb, audience = ?::jsonb, channel = ?, purpose = ?, subject = ?::jsonb,
                                     body = ?::jsonb, holdout_percent = ?, coupon_campaign_id = ?, coupon_valid_days = ?,
                                     conversion_days = ?, send_at = ?, status = ?
                WHERE id = ? AND status IN ('DRAFT', 'SCHEDULED')""",
                Json.write(b.name()), AudienceJson.write(b.audience()).toString(), b.channel(), b.purpose(),
                Json.write(b.subject()), Json.write(b.body()), b.holdoutPercent(), b.couponCampaignId(),
                b.couponValidDays(), b.conversionDays(), b.sendAt(), b.status(), id);
    }

    Optional<Broadcast> find(Tx tx, long id) {
        return tx.sql().one("SELECT " + COLUMNS + " FROM broadcast WHERE id = ?", BroadcastStore::map, id);
    }

    Optional<Broadcast> lock(Tx tx, long id) {
        return tx.sql().one("SELECT " + COLUMNS + " FROM broadcast WHERE id = ? FOR UPDATE", BroadcastStore::map, id);
    }

    List<Broadcast> all(Tx tx, int limit) {
        return tx.sql().list("SELECT " + COLUMNS + " FROM broadcast ORDER BY id DESC LIMIT ?", BroadcastStore::map, limit);
    }

    /** The broadcasts a send job should work on now, oldest first. */
    List<Long> due(Tx tx, Instant now) {
        return tx.sql().list("""
                SELECT id FROM broadcast WHERE status = 'SENDING' OR (status = 'SCHEDULED' AND send_at <= ?) ORDER BY id""",
                rs -> rs.getLong(1), now);
    }

    void status(Tx tx, long id, BroadcastStatus status, Instant sendAt) {
        tx.sql().update("UPDATE broadcast SET status = ?, send_at = coalesce(?, send_at) WHERE id = ?", status, sendAt, id);
    }

    void started(Tx tx, long id, Instant at, long total) {
        tx.sql().update("UPDATE broadcast SET status = 'SENDING', started_at = ?, total = ? WHERE id = ?", at, total, id);
    }

    void progressed(Tx tx, long id, long cursor, long visited) {
        tx.sql().update("UPDATE broadcast SET cursor_member = ?, visited = visited + ? WHERE id = ?", cursor, visited, id);
    }

    void finished(Tx tx, long id, Instant at) {
        tx.sql().update("UPDATE broadcast SET status = 'SENT', finished_at = ? WHERE id = ?", at, id);
    }

    private static Broadcast map(ResultSet rs) throws SQLException {
        long coupon = rs.getLong(9);
        Long couponId = rs.wasNull() ? null : coupon;
        return new Broadcast(rs.getLong(1), text(rs.getString(2)),
                AudienceJson.read(Json.read(rs.getString(3), JsonNode.class), "audience"),
                Channel.valueOf(rs.getString(4)), Purpose.valueOf(rs.getString(5)), text(rs.getString(6)),
                text(rs.getString(7)), rs.getInt(8), couponId, rs.getInt(10), rs.getInt(11), Sql.instant(rs, "send_at"),
                BroadcastStatus.valueOf(rs.getString(13)), rs.getLong(14), rs.getLong(15), rs.getLong(16),
                Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"), Sql.instant(rs, "created_at"));
    }

    private static LocalizedText text(String json) {
        return Json.read(json, LocalizedText.class);
    }
}
