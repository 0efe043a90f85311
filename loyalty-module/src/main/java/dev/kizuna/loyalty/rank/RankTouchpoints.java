package dev.kizuna.loyalty.rank;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Rank changes on the customer timeline: from which rank to which, by name in the reader's language. */
final class RankTouchpoints implements TouchpointSource {

    @Override
    public Set<TouchpointKind> kinds() {
        return Set.of(TouchpointKind.RANK_CHANGED);
    }

    @Override
    public List<Touchpoint> before(Tx tx, long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        return tx.sql().list("""
                SELECT h.changed_at, 'rank:' || lpad(h.id::text, 19, '0'), h.change,
                       coalesce(f.name_ja, h.from_code), coalesce(f.name_en, h.from_code),
                       coalesce(t.name_ja, h.to_code), coalesce(t.name_en, h.to_code)
                FROM rank_history h
                LEFT JOIN rank_definition f ON f.code = h.from_code
                LEFT JOIN rank_definition t ON t.code = h.to_code
                WHERE h.member_id = ? AND h.changed_at <= ?
                  AND (h.changed_at < ? OR ('rank:' || lpad(h.id::text, 19, '0')) COLLATE "C" < ?)
                ORDER BY h.changed_at DESC, h.id DESC LIMIT ?""",
                rs -> new Touchpoint(rs.getTimestamp(1).toInstant(), TouchpointKind.RANK_CHANGED, rs.getString(2),
                        "timeline.rank", List.of(new Touchpoint.Label("ranks.change." + rs.getString(3)),
                        LocalizedText.of(rs.getString(4), rs.getString(5)),
                        LocalizedText.of(rs.getString(6), rs.getString(7)))),
                memberId, at, at, key, limit);
    }
}
