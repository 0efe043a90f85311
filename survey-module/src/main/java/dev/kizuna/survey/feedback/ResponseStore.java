package dev.kizuna.survey.feedback;

import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.crypto.SealedData;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.DomainEvent;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.core.ports.DomainEvents;
import dev.kizuna.core.ports.ModulePorts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes completed responses. Free-text answers are stored only as AES-GCM ciphertext bound to their response and
 * question ({@link #freeTextContext}), so a ciphertext copied to another row does not decrypt.
 */
public final class ResponseStore {
    private final FieldCipher cipher;
    private final ModulePorts ports;

    public ResponseStore(FieldCipher cipher, ModulePorts ports) {
        this.cipher = cipher;
        this.ports = ports;
    }

    /** A response about to be stored. {@code rankCode} is the member's rank when answering (null without ranks). */
    public record NewResponse(long surveyId, long versionId, long invitationId, long memberId, String rankCode,
                              String locale, long rewardPoints, Instant submittedAt, List<GivenAnswer> answers) {
    }

    public long insert(Tx tx, SurveyDesign design, NewResponse r) {
        Integer nps = design.npsQuestion()
                .flatMap(q -> r.answers().stream().filter(a -> a.questionKey().equals(q.key())).findFirst())
                .map(GivenAnswer::score).orElse(null);
        long id = tx.sql().one("""
                INSERT INTO survey_response (survey_id, survey_version_id, invitation_id, member_id, rank_code, locale,
                                             nps_score, reward_points, submitted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::smallint, ?, ?) RETURNING id""", rs -> rs.getLong(1),
                r.surveyId(), r.versionId(), r.invitationId(), r.memberId(), r.rankCode(), r.locale(), nps,
                r.rewardPoints(), r.submittedAt()).orElseThrow();
        List<Object[]> rows = new ArrayList<>();
        for (GivenAnswer a : r.answers()) {
            rows.add(new Object[]{id, a.questionKey(), a.score(),
                    a.choices() == null ? null : tx.sql().textArray(a.choices().toArray(String[]::new)),
                    a.text() == null ? null : cipher.encrypt(a.text(), freeTextContext(id, a.questionKey()))});
        }
        if (!rows.isEmpty()) {
            tx.sql().batch("""
                    INSERT INTO survey_answer (response_id, question_key, score, choices, free_text)
                    VALUES (?, ?, ?::smallint, ?::text[], ?)""", rows);
        }
        // the scores only: free text is the customer's own words and stays here
        Map<String, Object> data = new HashMap<>();
        data.put("surveyId", r.surveyId());
        data.put("responseId", id);
        data.put("rewardPoints", r.rewardPoints());
        if (nps != null) {
            data.put("npsScore", nps);
        }
        DomainEvents.record(ports, tx, new DomainEvent(DomainEventType.SURVEY_ANSWERED, r.memberId(), r.submittedAt(), data));
        return id;
    }

    /** Associated data of a free-text answer: binds the ciphertext to its response and question. */
    public static String freeTextContext(long responseId, String questionKey) {
        return "survey_answer:" + responseId + ":" + questionKey;
    }

    public String decryptFreeText(long responseId, String questionKey, String stored) {
        return cipher.decrypt(stored, freeTextContext(responseId, questionKey));
    }

    /**
     * Seals the free-text answers of these members' responses (and of anonymised responses, for
     * {@link SealedData#NO_MEMBER}) again under the current key; returns how many changed.
     */
    public long reseal(Tx tx, List<Long> memberIds) {
        List<Object[]> rows = tx.sql().list("""
                SELECT a.response_id, a.question_key, a.free_text FROM survey_answer a
                JOIN survey_response r ON r.id = a.response_id
                WHERE (r.member_id = ANY(?) OR (? AND r.member_id IS NULL)) AND a.free_text IS NOT NULL
                FOR UPDATE OF a""",
                rs -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3)},
                tx.sql().longArray(memberIds.toArray(Long[]::new)), memberIds.contains(SealedData.NO_MEMBER));
        long changed = 0;
        for (Object[] r : rows) {
            String stored = (String) r[2];
            String again = cipher.reseal(stored, freeTextContext((Long) r[0], (String) r[1]));
            if (!again.equals(stored)) {
                tx.sql().update("UPDATE survey_answer SET free_text = ? WHERE response_id = ? AND question_key = ?",
                        again, r[0], r[1]);
                changed++;
            }
        }
        return changed;
    }
}
