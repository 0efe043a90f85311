package dev.kizuna.segment.timeline;

import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.TouchpointSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code profile_change}: the names of the account fields each update changed, never their values. */
final class ProfileChangeStore {

    /** The member's language and consents as the mirror holds them (its personal fields are read sealed elsewhere). */
    record Settings(String locale, Map<String, Boolean> consents) {
    }

    Optional<Settings> settings(Tx tx, long memberId) {
        return tx.sql().one("SELECT locale, consents::text FROM member WHERE id = ?", rs -> {
            Map<String, Boolean> consents = new HashMap<>();
            Map<?, ?> stored = Json.read(rs.getString(2), Map.class);
            stored.forEach((k, v) -> consents.put(String.valueOf(k), v instanceof Boolean b ? b : null));
            return new Settings(rs.getString(1), consents);
        }, memberId);
    }

    void insert(Tx tx, long memberId, Instant at, Set<ProfileField> fields) {
        tx.sql().update("INSERT INTO profile_change (member_id, changed_at, fields) VALUES (?, ?, ?)", memberId, at,
                tx.sql().textArray(fields.stream().map(Enum::name).toArray(String[]::new)));
    }

    /** The member's changes before the cursor, newest first (the timeline's order). */
    TouchpointSource.Query before(long memberId, Instant at, String key, int limit) {
        return new TouchpointSource.Query("""
                SELECT changed_at AS at, ('profile-change:' || lpad(id::text, 19, '0')) COLLATE "C" AS key, fields
                FROM profile_change
                WHERE member_id = ? AND changed_at <= ?
                  AND (changed_at < ? OR ('profile-change:' || lpad(id::text, 19, '0')) COLLATE "C" < ?)
                ORDER BY changed_at DESC, id DESC LIMIT ?""", List.of(memberId, at, at, key, limit));
    }
}
