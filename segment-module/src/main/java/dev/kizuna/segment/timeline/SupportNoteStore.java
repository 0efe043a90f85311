package dev.kizuna.segment.timeline;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.TouchpointSource;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** {@code support_note}: the text column holds {@code FieldCipher} ciphertext bound to the member. */
final class SupportNoteStore {
    private static final String COLUMNS = """
            n.id, m.customer_ref, n.channel, n.topic, n.body, n.follow_up_on, n.assigned_to, n.follow_up_done_at,
            n.created_by, n.created_at, n.member_id""";

    /** A note as stored, its text still sealed. */
    record Row(SupportNote note, long memberId) {
    }

    long insert(Tx tx, long memberId, SupportNote.Draft draft, String sealedText, String actor, Instant at) {
        return tx.sql().one("""
                INSERT INTO support_note (member_id, channel, topic, body, follow_up_on, assigned_to, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", rs -> rs.getLong(1), memberId, draft.channel(),
                draft.topic(), sealedText, draft.followUpOn(), draft.assignedTo(), actor, at).orElseThrow();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(new SupportNote(rs.getLong(1), rs.getString(2), SupportChannel.valueOf(rs.getString(3)),
                SupportTopic.valueOf(rs.getString(4)), rs.getString(5), rs.getObject(6, LocalDate.class),
                rs.getString(7), Sql.instant(rs, "follow_up_done_at"), rs.getString(9), Sql.instant(rs, "created_at")),
                rs.getLong(11));
    }

    Optional<Row> find(Tx tx, long id) {
        return tx.sql().one("SELECT " + COLUMNS + " FROM support_note n JOIN member m ON m.id = n.member_id WHERE n.id = ?",
                SupportNoteStore::row, id);
    }

    /** Notes of the member before the cursor, newest first (the timeline's order), their text still sealed. */
    TouchpointSource.Query before(long memberId, Instant at, String key, int limit) {
        return new TouchpointSource.Query("""
                SELECT n.created_at AS at, ('note:' || lpad(n.id::text, 19, '0')) COLLATE "C" AS key, n.id, n.member_id,
                       n.channel, n.topic, n.body, n.follow_up_on, n.assigned_to, n.created_by
                FROM support_note n
                WHERE n.member_id = ? AND n.created_at <= ?
                  AND (n.created_at < ? OR ('note:' || lpad(n.id::text, 19, '0')) COLLATE "C" < ?)
                ORDER BY n.created_at DESC, n.id DESC LIMIT ?""", List.of(memberId, at, at, key, limit));
    }

    /** Open follow-ups assigned to {@code staff} due on or before {@code day}, earliest first. */
    List<Row> due(Tx tx, String staff, LocalDate day, int limit) {
        return tx.sql().list("SELECT " + COLUMNS + """
                 FROM support_note n JOIN member m ON m.id = n.member_id
                WHERE n.assigned_to = ? AND n.follow_up_on <= ? AND n.follow_up_done_at IS NULL
                ORDER BY n.follow_up_on, n.id LIMIT ?""", SupportNoteStore::row, staff, day, limit);
    }

    /** A note's sealed text and the member it is bound to. */
    record Sealed(long id, long memberId, String body) {
    }

    /** The sealed texts of these members' notes, locked until the caller's commit (the key rotation reseals them). */
    List<Sealed> sealedOf(Tx tx, List<Long> memberIds) {
        return tx.sql().list("SELECT id, member_id, body FROM support_note WHERE member_id = ANY(?) ORDER BY id FOR UPDATE",
                rs -> new Sealed(rs.getLong(1), rs.getLong(2), rs.getString(3)),
                tx.sql().longArray(memberIds.toArray(Long[]::new)));
    }

    void replaceBody(Tx tx, long id, String body) {
        tx.sql().update("UPDATE support_note SET body = ? WHERE id = ?", body, id);
    }

    boolean markDone(Tx tx, long id, Instant at) {
        return tx.sql().update("""
                UPDATE support_note SET follow_up_done_at = ? WHERE id = ? AND follow_up_on IS NOT NULL
                AND follow_up_done_at IS NULL""", at, id) == 1;
    }
}
