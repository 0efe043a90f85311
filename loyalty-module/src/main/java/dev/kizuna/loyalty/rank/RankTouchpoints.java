package dev.kizuna.loyalty.rank;

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
    public Query query(long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        return new Query("""
                SELECT h.changed_at AS at, ('rank:' || lpad(h.id::text, 19, '0')) COLLATE "C" AS key, h.change,
                       coalesce(f.name_ja, h.from_code) AS from_ja, coalesce(f.name_en, h.from_code) AS from_en,
                       coalesce(t.name_ja, h.to_code) AS to_ja, coalesce(t.name_en, h.to_code) AS to_en
                FROM rank_history h
                LEFT JOIN rank_definition f ON f.code = h.from_code
                LEFT JOIN rank_definition t ON t.code = h.to_code
                WHERE h.member_id = ? AND h.changed_at <= ?
                  AND (h.changed_at < ? OR ('rank:' || lpad(h.id::text, 19, '0')) COLLATE "C" < ?)
                ORDER BY h.changed_at DESC, h.id DESC LIMIT ?""", List.of(memberId, at, at, key, limit));
    }

    @Override
    public Touchpoint touchpoint(Row r) {
        return new Touchpoint(r.instant("at"), TouchpointKind.RANK_CHANGED, r.text("key"), "timeline.rank",
                List.of(new Touchpoint.Label("ranks.change." + r.text("change")),
                        LocalizedText.of(r.text("from_ja"), r.text("from_en")),
                        LocalizedText.of(r.text("to_ja"), r.text("to_en"))));
    }
}
