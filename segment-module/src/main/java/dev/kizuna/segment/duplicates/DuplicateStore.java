package dev.kizuna.segment.duplicates;

import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The pairs' SQL: detection in one statement per run, the console's list and the decisions. */
final class DuplicateStore {
    private static final String PAIR = """
            SELECT p.id, p.evidence, p.status, p.found_at, p.decided_at, p.decided_by,
                   a.id, a.customer_ref, a.display_name, a.email, a.registered_at,
                   (SELECT count(*) FROM order_summary o WHERE o.member_id = a.id), a.spend,
                   b.id, b.customer_ref, b.display_name, b.email, b.registered_at,
                   (SELECT count(*) FROM order_summary o WHERE o.member_id = b.id), b.spend
            FROM duplicate_pair p JOIN member a ON a.id = p.first_id JOIN member b ON b.id = p.second_id
            """;

    private final SealedMembers members;

    DuplicateStore(SealedMembers members) {
        this.members = members;
    }

    /** What one detection run changed. */
    record Detected(long found, long stillOpen, long dropped, long closedAsMerged) {
    }

    /**
     * Finds every pair of live members (not merged, not erased) sharing an e-mail, phone, name-and-birth-date index or
     * address hash, in one statement: new pairs are opened, open ones get the evidence of this run, dismissed and
     * merged ones stay as they are. A value shared by more than {@code maxGroup} members (a shop's own phone number,
     * a company's address) says nothing about one person and is left out. Open pairs no longer found are dropped,
     * open pairs one of whose members was merged meanwhile (by the host) are closed as merged.
     */
    Detected detect(Tx tx, Instant now, int maxGroup) {
        long closed = tx.sql().update("""
                UPDATE duplicate_pair p SET status = 'MERGED', decided_at = ?, decided_by = 'host'
                FROM member a, member b
                WHERE p.status = 'OPEN' AND a.id = p.first_id AND b.id = p.second_id
                  AND (a.merged_into IS NOT NULL OR b.merged_into IS NOT NULL)""", now);
        List<long[]> counts = tx.sql().list("""
                WITH live AS (
                  SELECT id, email_index, phone_index, name_birth_index, address_hash FROM member
                  WHERE merged_into IS NULL AND erased_at IS NULL),
                keyed AS (
                  SELECT id, 'EMAIL' AS kind, encode(email_index, 'hex') AS k FROM live WHERE email_index IS NOT NULL
                  UNION ALL SELECT id, 'PHONE', encode(phone_index, 'hex') FROM live WHERE phone_index IS NOT NULL
                  UNION ALL SELECT id, 'NAME_AND_BIRTH_DATE', encode(name_birth_index, 'hex') FROM live
                            WHERE name_birth_index IS NOT NULL
                  UNION ALL SELECT id, 'ADDRESS', address_hash FROM live WHERE address_hash IS NOT NULL),
                groups AS (
                  SELECT kind, k, array_agg(id ORDER BY id) AS ids FROM keyed GROUP BY kind, k
                  HAVING count(*) BETWEEN 2 AND ?),
                pairs AS (
                  SELECT a AS first_id, b AS second_id, array_agg(DISTINCT kind ORDER BY kind) AS evidence
                  FROM groups, unnest(ids) a, unnest(ids) b WHERE a < b GROUP BY a, b),
                upserted AS (
                  INSERT INTO duplicate_pair (first_id, second_id, evidence, status, found_at, seen_at)
                  SELECT first_id, second_id, evidence, 'OPEN', ?, ? FROM pairs
                  ON CONFLICT (first_id, second_id) DO UPDATE SET evidence = EXCLUDED.evidence, seen_at = EXCLUDED.seen_at
                  WHERE duplicate_pair.status = 'OPEN'
                  RETURNING (xmax = 0) AS inserted)
                SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted""",
                rs -> new long[]{rs.getLong(1), rs.getLong(2)}, maxGroup, now, now);
        long dropped = tx.sql().update("DELETE FROM duplicate_pair WHERE status = 'OPEN' AND seen_at < ?", now);
        return new Detected(counts.get(0)[0], counts.get(0)[1], dropped, closed);
    }

    /** Live members with a name and a birth date but no name-and-birth-date index yet (written before it existed). */
    List<Long> withoutNameIndex(Tx tx, long after, int limit) {
        return tx.sql().list("""
                SELECT id FROM member WHERE id > ? AND name_birth_index IS NULL AND display_name IS NOT NULL
                  AND birth_date IS NOT NULL AND merged_into IS NULL AND erased_at IS NULL ORDER BY id LIMIT ?""",
                rs -> rs.getLong(1), after, limit);
    }

    /** Writes the member's personal data again, which computes every index under the current key. */
    void reindex(Tx tx, long memberId) {
        Optional<String> ref = tx.sql().one("SELECT customer_ref FROM member WHERE id = ? FOR UPDATE",
                rs -> rs.getString(1), memberId);
        ref.ifPresent(r -> members.write(tx, memberId, r, members.read(tx, memberId)));
    }

    List<DuplicatePair> open(Tx tx, int limit) {
        return tx.sql().list(PAIR + " WHERE p.status = 'OPEN' ORDER BY p.found_at DESC, p.id DESC LIMIT ?",
                rs -> pair(rs), limit);
    }

    long openCount(Tx tx) {
        return tx.sql().number("SELECT count(*) FROM duplicate_pair WHERE status = 'OPEN'");
    }

    /** Recently decided pairs, newest decision first. */
    List<DuplicatePair> decided(Tx tx, int limit) {
        return tx.sql().list(PAIR + " WHERE p.status <> 'OPEN' ORDER BY p.decided_at DESC NULLS LAST, p.id DESC LIMIT ?",
                rs -> pair(rs), limit);
    }

    /** The pair, its row locked for the decision. */
    Optional<DuplicatePair> lock(Tx tx, long id) {
        return tx.sql().one(PAIR + " WHERE p.id = ? FOR UPDATE OF p", rs -> pair(rs), id);
    }

    void decide(Tx tx, long id, PairStatus status, String actor, Instant at) {
        tx.sql().update("UPDATE duplicate_pair SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                status, actor, at, id);
    }

    /** Other open pairs of the merged member are settled by the merge: closed when with the survivor, else dropped. */
    void afterMerge(Tx tx, long survivorId, long mergedId, String actor, Instant at) {
        tx.sql().update("""
                UPDATE duplicate_pair SET status = 'MERGED', decided_by = ?, decided_at = ?
                WHERE status = 'OPEN' AND first_id = least(?::bigint, ?::bigint) AND second_id = greatest(?::bigint, ?::bigint)""",
                actor, at, survivorId, mergedId, survivorId, mergedId);
        tx.sql().update("DELETE FROM duplicate_pair WHERE status = 'OPEN' AND (first_id = ? OR second_id = ?)",
                mergedId, mergedId);
    }

    private DuplicatePair pair(java.sql.ResultSet rs) throws java.sql.SQLException {
        String[] evidence = (String[]) rs.getArray(2).getArray();
        return new DuplicatePair(rs.getLong(1), member(rs, 7), member(rs, 14),
                Arrays.stream(evidence).map(DuplicateEvidence::valueOf).toList(), PairStatus.valueOf(rs.getString(3)),
                Sql.instant(rs, "found_at"), Sql.instant(rs, "decided_at"), rs.getString(6));
    }

    private DuplicatePair.Member member(java.sql.ResultSet rs, int at) throws java.sql.SQLException {
        String ref = rs.getString(at + 1);
        java.sql.Timestamp registered = rs.getTimestamp(at + 4);
        return new DuplicatePair.Member(rs.getLong(at), ref, members.openName(ref, rs.getString(at + 2)),
                members.openEmail(ref, rs.getString(at + 3)), registered == null ? null : registered.toInstant(),
                rs.getLong(at + 5), rs.getLong(at + 6));
    }
}
