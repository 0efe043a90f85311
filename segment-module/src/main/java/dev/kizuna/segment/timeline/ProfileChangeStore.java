package dev.kizuna.segment.timeline;

import dev.kizuna.core.json.Json;
import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code profile_change}: the names of the account fields each update changed, never their values. */
final class ProfileChangeStore {

    /** A recorded change as the timeline reads it. */
    record Row(long id, Instant at, Set<ProfileField> fields) {
    }

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
    List<Row> before(Tx tx, long memberId, Instant at, String key, int limit) {
        return tx.sql().list("""
                SELECT id, changed_at, fields FROM profile_change
                WHERE member_id = ? AND changed_at <= ?
                  AND (changed_at < ? OR ('profile-change:' || lpad(id::text, 19, '0')) COLLATE "C" < ?)
                ORDER BY changed_at DESC, id DESC LIMIT ?""", rs -> {
            Set<ProfileField> fields = EnumSet.noneOf(ProfileField.class);
            Arrays.stream((String[]) rs.getArray(3).getArray()).map(ProfileField::valueOf).forEach(fields::add);
            return new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(), fields);
        }, memberId, at, at, key, limit);
    }
}
