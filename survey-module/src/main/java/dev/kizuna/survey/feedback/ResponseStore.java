package dev.kizuna.survey.feedback;

import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes completed responses. Free-text answers are stored only as AES-GCM ciphertext bound to their response and
 * question ({@link #freeTextContext}), so a ciphertext copied to another row does not decrypt.
 */
public final class ResponseStore {
    private final FieldCipher cipher;

    public ResponseStore(FieldCipher cipher) {
        this.cipher = cipher;
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
        return id;
    }

    /** Associated data of a free-text answer: binds the ciphertext to its response and question. */
    public static String freeTextContext(long responseId, String questionKey) {
        return "survey_answer:" + responseId + ":" + questionKey;
    }

    public String decryptFreeText(long responseId, String questionKey, String stored) {
        return cipher.decrypt(stored, freeTextContext(responseId, questionKey));
    }
}
