package dev.kizuna.messaging;

import dev.kizuna.core.json.Json;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Messages on the customer timeline: each mail or LINE message sent to the member (at the time it was decided; queued,
 * failed, held-out and capped ones never reached the customer and are left out) and each first click on one, with the broadcast's or journey's
 * name and the channel. The asked kinds come from one statement on the member's messages.
 */
final class MessageTouchpoints implements TouchpointSource {
    private static final String NAME = """
            (CASE m.source WHEN 'BROADCAST' THEN (SELECT b.name FROM broadcast b WHERE b.id = m.campaign_id)
                          ELSE (SELECT j.name FROM journey j WHERE j.id = m.campaign_id) END)::text""";

    @Override
    public Set<TouchpointKind> kinds() {
        return EnumSet.of(TouchpointKind.MESSAGE_SENT, TouchpointKind.MESSAGE_CLICKED);
    }

    @Override
    public Query query(long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        List<String> arms = new ArrayList<>(2);
        List<Object> params = new ArrayList<>();
        if (kinds.contains(TouchpointKind.MESSAGE_SENT)) {
            arms.add("""
                    (SELECT m.decided_at AS at, ('message:' || lpad(m.id::text, 19, '0')) COLLATE "C" AS key,
                            'MESSAGE_SENT' AS kind, m.channel, %s AS name
                     FROM message m
                     WHERE m.member_id = ? AND m.status IN ('SENT', 'DELIVERED') AND m.decided_at <= ?
                       AND (m.decided_at < ? OR ('message:' || lpad(m.id::text, 19, '0')) COLLATE "C" < ?)
                     ORDER BY m.decided_at DESC, m.id DESC LIMIT ?)""".formatted(NAME));
            params.addAll(List.of(memberId, at, at, key, limit));
        }
        if (kinds.contains(TouchpointKind.MESSAGE_CLICKED)) {
            arms.add("""
                    (SELECT m.clicked_at AS at, ('message-click:' || lpad(m.id::text, 19, '0')) COLLATE "C" AS key,
                            'MESSAGE_CLICKED' AS kind, m.channel, %s AS name
                     FROM message m
                     WHERE m.member_id = ? AND m.clicked_at IS NOT NULL AND m.clicked_at <= ?
                       AND (m.clicked_at < ? OR ('message-click:' || lpad(m.id::text, 19, '0')) COLLATE "C" < ?)
                     ORDER BY m.clicked_at DESC, m.id DESC LIMIT ?)""".formatted(NAME));
            params.addAll(List.of(memberId, at, at, key, limit));
        }
        params.add(limit);
        return new Query("SELECT * FROM (" + String.join(" UNION ALL ", arms) + ") t ORDER BY 1 DESC, 2 DESC LIMIT ?",
                params);
    }

    @Override
    public Touchpoint touchpoint(Row r) {
        TouchpointKind kind = TouchpointKind.valueOf(r.text("kind"));
        String name = r.text("name");
        LocalizedText campaign = name == null ? null : Json.read(name, LocalizedText.class);
        return new Touchpoint(r.instant("at"), kind, r.text("key"),
                kind == TouchpointKind.MESSAGE_SENT ? "timeline.message-sent" : "timeline.message-clicked",
                List.of(new Touchpoint.Label("messaging.channel." + r.text("channel").toLowerCase(Locale.ROOT)),
                        campaign == null ? "" : campaign));
    }
}
