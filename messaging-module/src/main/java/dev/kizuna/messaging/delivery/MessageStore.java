package dev.kizuna.messaging.delivery;

import dev.kizuna.core.persistence.CopyRows;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code message} table: one row per message decided for a customer. */
final class MessageStore {

    /** A message about to be decided; {@code id} allocated beforehand so links can name it. */
    record NewMessage(long id, long memberId, long entryId, MessageStatus status) {
    }

    List<Long> allocate(Tx tx, int n) {
        return tx.sql().nextIds("message", n);
    }

    /** What a sent message was written as: its outbox mail, a LINE message's text, the coupon code it carries. */
    record Written(Long outboxId, String body, String couponCode) {
        static final Written NONE = new Written(null, null, null);
    }

    /**
     * Of these rows' members, those with a decision for the occasion already (for their entry). Looked up by the
     * occasion's key with the batch's members and entries as arrays, so the cost is the batch's, not the size of
     * what the broadcast has decided so far.
     */
    Set<Long> decided(Tx tx, Outbound.Occasion o, List<NewMessage> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Set<String> pairs = new HashSet<>();
        for (NewMessage r : rows) {
            pairs.add(r.memberId() + ":" + r.entryId());
        }
        Set<Long> decided = new HashSet<>();
        tx.sql().list("""
                SELECT g.member_id, g.entry_id FROM message g
                WHERE g.source = ? AND g.campaign_id = ? AND g.step = ? AND g.entry_id = ANY(?) AND g.member_id = ANY(?)""",
                rs -> pairs.contains(rs.getLong(1) + ":" + rs.getLong(2)) && decided.add(rs.getLong(1)),
                o.source(), o.campaignId(), o.step(),
                tx.sql().longArray(rows.stream().map(NewMessage::entryId).distinct().toArray(Long[]::new)),
                tx.sql().longArray(rows.stream().map(NewMessage::memberId).toArray(Long[]::new)));
        return decided;
    }

    /** Inserts the decisions with what was written for them, in one statement. */
    void insert(Tx tx, Outbound.Occasion o, List<NewMessage> rows, Map<Long, Written> written, Instant now,
                Instant nextAttempt) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        Long[] ids = new Long[n];
        Long[] members = new Long[n];
        Long[] entries = new Long[n];
        String[] statuses = new String[n];
        Long[] outbox = new Long[n];
        String[] bodies = new String[n];
        String[] coupons = new String[n];
        for (int i = 0; i < n; i++) {
            NewMessage r = rows.get(i);
            Written w = written.getOrDefault(r.id(), Written.NONE);
            ids[i] = r.id();
            members[i] = r.memberId();
            entries[i] = r.entryId();
            statuses[i] = r.status().name();
            outbox[i] = w.outboxId();
            bodies[i] = w.body();
            coupons[i] = w.couponCode();
        }
        tx.sql().update("""
                INSERT INTO message (id, member_id, source, campaign_id, entry_id, step, channel, purpose, status,
                                     decided_at, outbox_id, body, coupon_code, next_attempt_at)
                OVERRIDING SYSTEM VALUE
                SELECT i, mb, ?, ?, e, ?, ?, ?, st, ?, ob, b, c, CASE WHEN st = 'QUEUED' THEN ?::timestamptz END
                FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[])
                     AS u(i, mb, e, st, ob, b, c)
                ON CONFLICT DO NOTHING""",
                o.source(), o.campaignId(), o.step(), o.channel(), o.purpose(), now, nextAttempt,
                tx.sql().longArray(ids), tx.sql().longArray(members), tx.sql().longArray(entries),
                tx.sql().textArray(statuses), tx.sql().longArray(outbox), tx.sql().textArray(bodies),
                tx.sql().textArray(coupons));
    }

    /**
     * Writes a broadcast's decisions with one COPY. None of its members has a decision for the broadcast yet (they
     * come after its cursor, which commits with their messages), so nothing is skipped as {@link #insert} may skip;
     * a send of the same batch at once by another node fails on the unique key rather than mailing twice.
     */
    void copy(Tx tx, Outbound.Occasion o, List<NewMessage> rows, Map<Long, Written> written, Instant now,
              Instant nextAttempt) {
        if (rows.isEmpty()) {
            return;
        }
        CopyRows.copy(tx, """
                COPY message (id, member_id, source, campaign_id, entry_id, step, channel, purpose, status, decided_at,
                              outbox_id, body, coupon_code, next_attempt_at) FROM STDIN (FORMAT binary)""", 14, copy -> {
            for (NewMessage r : rows) {
                Written w = written.getOrDefault(r.id(), Written.NONE);
                copy.row().add(r.id()).add(r.memberId()).add(o.source().name()).add(o.campaignId()).add(r.entryId())
                        .add(o.step()).add(o.channel().name()).add(o.purpose().name()).add(r.status().name()).add(now)
                        .add(w.outboxId()).add(w.body()).add(w.couponCode())
                        .add(r.status() == MessageStatus.QUEUED ? nextAttempt : null);
            }
        });
    }

    /**
     * Takes the members' frequency-cap locks: their consent rows (every channel's; a marketing message reaches only
     * a member who has one), locked in member order so two senders never wait on each other in a circle. A
     * broadcast and a journey step deciding for the same customer at once are serialised, and the second one
     * counts the first one's message once it has committed. Row locks rather than advisory locks: a batch of
     * thousands of members must not fill the server's lock table.
     */
    void holdCaps(Tx tx, List<Long> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        tx.sql().one("""
                SELECT count(*) FROM (SELECT 1 FROM message_consent WHERE member_id = ANY(?)
                                      ORDER BY member_id, channel FOR NO KEY UPDATE) x""",
                rs -> rs.getLong(1), tx.sql().longArray(memberIds.toArray(Long[]::new)));
    }

    /** Marketing messages sent to each of these members since {@code since}. */
    Map<Long, Long> marketingSince(Tx tx, List<Long> memberIds, Instant since) {
        Map<Long, Long> counts = new HashMap<>();
        tx.sql().list("""
                SELECT member_id, count(*) FROM message
                WHERE member_id = ANY(?) AND purpose = 'MARKETING' AND status IN ('QUEUED', 'SENT', 'DELIVERED')
                  AND decided_at > ? GROUP BY member_id""",
                rs -> counts.put(rs.getLong(1), rs.getLong(2)), tx.sql().longArray(memberIds.toArray(Long[]::new)), since);
        return counts;
    }

    record Decided(long id, long memberId, Channel channel, Purpose purpose, Long outboxId) {
    }

    Optional<Decided> find(Tx tx, long id) {
        return tx.sql().one("SELECT id, member_id, channel, purpose, outbox_id FROM message WHERE id = ?", rs -> {
            long o = rs.getLong(5);
            return new Decided(rs.getLong(1), rs.getLong(2), Channel.valueOf(rs.getString(3)),
                    Purpose.valueOf(rs.getString(4)), rs.wasNull() ? null : o);
        }, id);
    }

    /**
     * The message an outbox mail was written for, found among the messages of the mail's member and of the members
     * merged into it (a merge moves every mail but leaves a message the survivor already has for the same send);
     * messaging V5 dropped the index by outbox id, which a broadcast paid for on each of its million messages.
     * None for a mail to no member.
     */
    Optional<Decided> byOutbox(Tx tx, long outboxId, Long memberId) {
        if (memberId == null) {
            return Optional.empty();
        }
        return tx.sql().one("""
                SELECT id FROM message
                WHERE member_id IN (SELECT ? UNION ALL SELECT id FROM member WHERE merged_into = ?) AND outbox_id = ?""",
                rs -> rs.getLong(1), memberId, memberId, outboxId).flatMap(id -> find(tx, id));
    }

    void clicked(Tx tx, long id, Instant at) {
        tx.sql().update("UPDATE message SET clicked_at = coalesce(clicked_at, ?) WHERE id = ?", at, id);
    }

    void unsubscribed(Tx tx, long id, Instant at) {
        tx.sql().update("UPDATE message SET unsubscribed_at = coalesce(unsubscribed_at, ?) WHERE id = ?", at, id);
    }

    /** LINE messages due for a push: id, member, text. */
    record Queued(long id, long memberId, String customerRef, String text, int attempts) {
    }

    List<Queued> dueLine(Tx tx, Instant now, int limit) {
        return tx.sql().list("""
                SELECT g.id, g.member_id, mb.customer_ref, g.body, g.attempts FROM message g JOIN member mb ON mb.id = g.member_id
                WHERE g.status = 'QUEUED' AND g.channel = 'LINE' AND g.next_attempt_at <= ? ORDER BY g.id LIMIT ?""",
                rs -> new Queued(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5)), now, limit);
    }

    void pushed(Tx tx, long id, MessageStatus status, Instant at, Instant nextAttempt) {
        tx.sql().update("""
                UPDATE message SET status = ?, attempts = attempts + 1, next_attempt_at = ?,
                       delivered_at = CASE WHEN ? = 'DELIVERED' THEN ? ELSE delivered_at END,
                       body = CASE WHEN ? = 'QUEUED' THEN body END
                WHERE id = ?""", status, nextAttempt, status.name(), at, status.name(), id);
    }

    /** The messages of a customer, newest first, with the mail's delivery state. */
    List<CustomerMessage> ofMember(Tx tx, long memberId, int limit) {
        return tx.sql().list("""
                SELECT g.id, g.source, g.campaign_id, g.step, g.channel, g.purpose, g.status, o.status, g.decided_at,
                       g.clicked_at, g.unsubscribed_at
                FROM message g LEFT JOIN mail_outbox o ON o.id = g.outbox_id
                WHERE g.member_id = ? ORDER BY g.id DESC LIMIT ?""",
                rs -> new CustomerMessage(rs.getLong(1), MessageSource.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getInt(4), Channel.valueOf(rs.getString(5)), Purpose.valueOf(rs.getString(6)),
                        MessageStatus.valueOf(rs.getString(7)), rs.getString(8), Sql.instant(rs, "decided_at"),
                        Sql.instant(rs, "clicked_at"), Sql.instant(rs, "unsubscribed_at")), memberId, limit);
    }
}
