package dev.kizuna.survey;

import dev.kizuna.core.crypto.FieldCipher;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.CustomerMergeParticipant;
import dev.kizuna.survey.profiling.ProgressiveProfiling;

import java.util.List;

/**
 * Moves a merged member's survey invitations and responses and profile answers onto the survivor. Survey answers
 * move with their response (their free text is bound to the response, not the member). A profile question both
 * accounts answered keeps the newer answer, as a newer answer replaces an older one on one account; sealed answers
 * are opened under the merged member and sealed again under the survivor, whom their ciphertext is bound to. Skips
 * move where the survivor has none, and the visit counts add up (the same person visited on both accounts).
 */
final class SurveyAnswersMerge implements CustomerMergeParticipant {
    private final FieldCipher cipher;

    SurveyAnswersMerge(FieldCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public String name() {
        return "answers";
    }

    @Override
    public long merge(Tx tx, Merge m) {
        long moved = tx.sql().update("UPDATE survey_invitation SET member_id = ? WHERE member_id = ?", m.survivorId(), m.mergedId());
        moved += tx.sql().update("UPDATE survey_response SET member_id = ? WHERE member_id = ?", m.survivorId(), m.mergedId());
        // an older answer of the merged member to a question the survivor answered later is dropped, and vice versa
        tx.sql().update("""
                DELETE FROM profile_answer s USING profile_answer g
                WHERE s.member_id = ? AND g.member_id = ? AND s.question_key = g.question_key AND s.answered_at < g.answered_at""",
                m.survivorId(), m.mergedId());
        tx.sql().update("""
                DELETE FROM profile_answer g USING profile_answer s
                WHERE g.member_id = ? AND s.member_id = ? AND s.question_key = g.question_key""",
                m.mergedId(), m.survivorId());
        List<Object[]> sealed = tx.sql().list("""
                SELECT question_key, cipher_value FROM profile_answer WHERE member_id = ? AND cipher_value IS NOT NULL""",
                rs -> new Object[]{rs.getString(1), rs.getString(2)}, m.mergedId());
        for (Object[] a : sealed) {
            String key = (String) a[0];
            String again = cipher.encrypt(cipher.open((String) a[1], ProgressiveProfiling.answerContext(m.mergedId(), key)),
                    ProgressiveProfiling.answerContext(m.survivorId(), key));
            tx.sql().update("UPDATE profile_answer SET cipher_value = ? WHERE member_id = ? AND question_key = ?",
                    again, m.mergedId(), key);
        }
        moved += tx.sql().update("UPDATE profile_answer SET member_id = ? WHERE member_id = ?", m.survivorId(), m.mergedId());
        moved += tx.sql().update("""
                INSERT INTO profile_skip (member_id, question_key, skipped_at)
                SELECT ?, question_key, skipped_at FROM profile_skip WHERE member_id = ? ON CONFLICT DO NOTHING""",
                m.survivorId(), m.mergedId());
        tx.sql().update("DELETE FROM profile_skip WHERE member_id = ?", m.mergedId());
        moved += tx.sql().update("""
                INSERT INTO profile_visit (member_id, visits, visit_day, offered)
                SELECT ?, visits, visit_day, offered FROM profile_visit WHERE member_id = ?
                ON CONFLICT (member_id) DO UPDATE SET visits = profile_visit.visits + EXCLUDED.visits""",
                m.survivorId(), m.mergedId());
        tx.sql().update("DELETE FROM profile_visit WHERE member_id = ?", m.mergedId());
        return moved;
    }
}
