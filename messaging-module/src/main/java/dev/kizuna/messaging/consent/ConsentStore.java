package dev.kizuna.messaging.consent;

import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** {@code message_consent} and {@code message_suppression}. */
final class ConsentStore {

    void set(Tx tx, long memberId, Channel channel, boolean granted, ConsentSource source, Instant at) {
        tx.sql().update("""
                INSERT INTO message_consent (member_id, channel, granted, source, changed_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (member_id, channel) DO UPDATE SET granted = excluded.granted, source = excluded.source,
                       changed_at = excluded.changed_at""", memberId, channel, granted, source, at);
    }

    Map<Channel, Boolean> of(Tx tx, long memberId) {
        Map<Channel, Boolean> result = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            result.put(c, false);
        }
        tx.sql().list("SELECT channel, granted FROM message_consent WHERE member_id = ?",
                rs -> result.put(Channel.valueOf(rs.getString(1)), rs.getBoolean(2)), memberId);
        return result;
    }

    void suppress(Tx tx, long memberId, Channel channel, Instant at) {
        tx.sql().update("""
                INSERT INTO message_suppression (member_id, channel, reason, created_at) VALUES (?, ?, 'BOUNCED', ?)
                ON CONFLICT DO NOTHING""", memberId, channel, at);
    }

    boolean suppressed(Tx tx, long memberId, Channel channel) {
        return tx.sql().number("SELECT count(*) FROM message_suppression WHERE member_id = ? AND channel = ?",
                memberId, channel) > 0;
    }

    /** Of these members, those who may get a message on the channel: not suppressed, and opted in if required. */
    java.util.Set<Long> reachable(Tx tx, java.util.List<Long> memberIds, Channel channel, boolean optInRequired) {
        return new java.util.HashSet<>(tx.sql().list("""
                SELECT m.id FROM unnest(?::bigint[]) AS m(id)
                WHERE NOT EXISTS (SELECT 1 FROM message_suppression s WHERE s.member_id = m.id AND s.channel = ?)
                  AND (NOT ? OR EXISTS (SELECT 1 FROM message_consent c WHERE c.member_id = m.id AND c.channel = ?
                                                                            AND c.granted))""",
                rs -> rs.getLong(1), tx.sql().longArray(memberIds.toArray(Long[]::new)), channel, optInRequired,
                channel));
    }

    void forget(Tx tx, long memberId) {
        tx.sql().update("DELETE FROM message_consent WHERE member_id = ?", memberId);
    }
}
