package dev.kizuna.survey;

import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Surveys and progressive profiling on the customer timeline: each survey invitation sent (with the order it asks
 * about), each survey answered (its NPS score when it has one) and each profile question answered, by the question's
 * label: what the customer answered stays on the answers section, sealed where it is personal. The asked kinds come
 * from one statement, each arm an index range on the member's rows.
 */
final class SurveyTouchpoints implements TouchpointSource {

    @Override
    public Set<TouchpointKind> kinds() {
        return EnumSet.of(TouchpointKind.SURVEY_INVITED, TouchpointKind.SURVEY_ANSWERED, TouchpointKind.PROFILE_ANSWERED);
    }

    @Override
    public Query query(long memberId, Set<TouchpointKind> kinds, Instant at, String key, int limit) {
        List<String> arms = new ArrayList<>(3);
        List<Object> params = new ArrayList<>();
        if (kinds.contains(TouchpointKind.SURVEY_INVITED)) {
            arms.add("""
                    (SELECT i.decided_at AS at, ('survey-invitation:' || lpad(i.id::text, 19, '0')) COLLATE "C" AS key,
                            'SURVEY_INVITED' AS kind, s.name AS ja, s.name AS en, NULL::int AS score, o.order_ref AS ref
                     FROM survey_invitation i JOIN survey s ON s.id = i.survey_id JOIN order_summary o ON o.id = i.order_id
                     WHERE i.member_id = ? AND i.status <> 'SKIPPED' AND i.decided_at <= ?
                       AND (i.decided_at < ? OR ('survey-invitation:' || lpad(i.id::text, 19, '0')) COLLATE "C" < ?)
                     ORDER BY i.decided_at DESC, i.id DESC LIMIT ?)""");
            params.addAll(List.of(memberId, at, at, key, limit));
        }
        if (kinds.contains(TouchpointKind.SURVEY_ANSWERED)) {
            arms.add("""
                    (SELECT r.submitted_at AS at, ('survey-response:' || lpad(r.id::text, 19, '0')) COLLATE "C" AS key,
                            'SURVEY_ANSWERED' AS kind, s.name AS ja, s.name AS en, r.nps_score::int AS score,
                            NULL::text AS ref
                     FROM survey_response r JOIN survey s ON s.id = r.survey_id
                     WHERE r.member_id = ? AND r.submitted_at <= ?
                       AND (r.submitted_at < ? OR ('survey-response:' || lpad(r.id::text, 19, '0')) COLLATE "C" < ?)
                     ORDER BY r.submitted_at DESC, r.id DESC LIMIT ?)""");
            params.addAll(List.of(memberId, at, at, key, limit));
        }
        if (kinds.contains(TouchpointKind.PROFILE_ANSWERED)) {
            arms.add("""
                    (SELECT a.answered_at AS at, ('profile-answer:' || a.question_key) COLLATE "C" AS key,
                            'PROFILE_ANSWERED' AS kind, q.label_ja AS ja, q.label_en AS en, NULL::int AS score,
                            NULL::text AS ref
                     FROM profile_answer a JOIN profile_question q ON q.key = a.question_key
                     WHERE a.member_id = ? AND a.answered_at <= ?
                       AND (a.answered_at < ? OR ('profile-answer:' || a.question_key) COLLATE "C" < ?)
                     ORDER BY a.answered_at DESC, 2 DESC LIMIT ?)""");
            params.addAll(List.of(memberId, at, at, key, limit));
        }
        params.add(limit);
        return new Query("SELECT * FROM (" + String.join(" UNION ALL ", arms) + ") t ORDER BY 1 DESC, 2 DESC LIMIT ?",
                params);
    }

    @Override
    public Touchpoint touchpoint(Row r) {
        Instant when = r.instant("at");
        TouchpointKind kind = TouchpointKind.valueOf(r.text("kind"));
        LocalizedText name = LocalizedText.of(r.text("ja"), r.text("en"));
        return switch (kind) {
            case SURVEY_INVITED -> new Touchpoint(when, kind, r.text("key"), "timeline.survey-invited",
                    List.of(name, r.text("ref")));
            case SURVEY_ANSWERED -> r.isNull("score")
                    ? new Touchpoint(when, kind, r.text("key"), "timeline.survey-answered", List.of(name))
                    : new Touchpoint(when, kind, r.text("key"), "timeline.survey-answered-nps",
                    List.of(name, (int) r.number("score")));
            default -> new Touchpoint(when, kind, r.text("key"), "timeline.profile-answered", List.of(name));
        };
    }
}
