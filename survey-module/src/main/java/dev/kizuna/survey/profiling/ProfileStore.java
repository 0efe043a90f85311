package dev.kizuna.survey.profiling;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.survey.feedback.SurveyStore;
import dev.kizuna.survey.profiling.QuestionPicker.Known;
import dev.kizuna.survey.profiling.QuestionPicker.Visit;
import org.hibernate.LockMode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Progressive profiling's store: the questions as entities; each member's answers, skips and visit (read and
 * written per shopper request and by segment criteria) as SQL.
 */
final class ProfileStore {
    List<ProfileQuestion> questions(Tx tx) {
        return read(tx, tx.session().createSelectionQuery(
                "from ProfileQuestionEntity order by priority desc, key", ProfileQuestionEntity.class).getResultList());
    }

    Optional<ProfileQuestion> question(Tx tx, String key) {
        return read(tx, tx.session().createSelectionQuery("from ProfileQuestionEntity where key = :key",
                ProfileQuestionEntity.class).setParameter("key", key).getResultList()).stream().findFirst();
    }

    /** The question, locked against a concurrent edit until the transaction ends. */
    Optional<ProfileQuestion> lock(Tx tx, String key) {
        ProfileQuestionEntity e = tx.session().get(ProfileQuestionEntity.class, key, LockMode.PESSIMISTIC_WRITE);
        return e == null ? Optional.empty() : Optional.of(e.toQuestion());
    }

    void insert(Tx tx, ProfileQuestion q, Instant now) {
        ProfileQuestionEntity e = new ProfileQuestionEntity();
        e.set(q, now);
        e.createdAt = now;
        tx.session().persist(e);
        tx.session().flush();
    }

    void update(Tx tx, ProfileQuestion q, Instant now) {
        ProfileQuestionEntity e = tx.session().get(ProfileQuestionEntity.class, q.key());
        if (e != null) {
            e.set(q, now);
            tx.session().flush();
        }
    }

    long answerCount(Tx tx, String key) {
        return tx.sql().number("SELECT count(*) FROM profile_answer WHERE question_key = ?", key);
    }

    /** Questions read: mapped to the domain, nothing left in the session for the SQL that follows. */
    private static List<ProfileQuestion> read(Tx tx, List<ProfileQuestionEntity> rows) {
        List<ProfileQuestion> out = rows.stream().map(ProfileQuestionEntity::toQuestion).toList();
        rows.forEach(tx.session()::detach);
        return out;
    }

    // ---- a member's state ----------------------------------------------------------------------------------------

    Map<String, Known> known(Tx tx, long memberId) {
        Map<String, Known> out = new HashMap<>();
        tx.sql().list("""
                SELECT q.key, a.answered_at, s.skipped_at FROM profile_question q
                LEFT JOIN profile_answer a ON a.question_key = q.key AND a.member_id = ?
                LEFT JOIN profile_skip s ON s.question_key = q.key AND s.member_id = ?""",
                rs -> out.put(rs.getString(1), new Known(Sql.instant(rs, "answered_at"), Sql.instant(rs, "skipped_at"))),
                memberId, memberId);
        return out;
    }

    /** The member's visit on {@code today}, locked; a new day starts a new visit (counted, nothing offered yet). */
    Visit visit(Tx tx, long memberId, LocalDate today) {
        tx.sql().update("""
                INSERT INTO profile_visit (member_id, visits, visit_day, offered) VALUES (?, 0, NULL, '{}')
                ON CONFLICT (member_id) DO NOTHING""", memberId);
        Visit current = tx.sql().one("SELECT visits, visit_day, offered FROM profile_visit WHERE member_id = ? FOR UPDATE",
                rs -> new Visit(rs.getInt(1), rs.getObject(2, LocalDate.class), new LinkedHashSet<>(SurveyStore.texts(rs.getArray(3)))),
                memberId).orElseThrow();
        if (today.equals(current.day())) {
            return current;
        }
        tx.sql().update("UPDATE profile_visit SET visits = visits + 1, visit_day = ?, offered = '{}' WHERE member_id = ?",
                today, memberId);
        return new Visit(current.number() + 1, today, Set.of());
    }

    void offered(Tx tx, long memberId, Set<String> offered) {
        tx.sql().update("UPDATE profile_visit SET offered = ? WHERE member_id = ?",
                SurveyStore.array(tx, List.copyOf(offered)), memberId);
    }

    /** A stored answer: {@code plainValues} for ordinary questions, {@code cipher} for PII. */
    record StoredAnswer(String key, List<String> plainValues, String cipher, Instant answeredAt) {
    }

    List<StoredAnswer> answers(Tx tx, long memberId) {
        return tx.sql().list("""
                SELECT question_key, plain_values, cipher_value, answered_at FROM profile_answer
                WHERE member_id = ? ORDER BY question_key""",
                rs -> new StoredAnswer(rs.getString(1), rs.getArray(2) == null ? null : SurveyStore.texts(rs.getArray(2)),
                        rs.getString(3), Sql.instant(rs, "answered_at")), memberId);
    }

    /** A stored answer that should be ciphertext: a sealed one, or free text still in clear. */
    record SealableAnswer(long memberId, String key, List<String> plainValues, String cipher) {
    }

    List<SealableAnswer> answersToSeal(Tx tx, Long[] memberIds) {
        return tx.sql().list("""
                SELECT a.member_id, a.question_key, a.plain_values, a.cipher_value
                FROM profile_answer a JOIN profile_question q ON q.key = a.question_key
                WHERE a.member_id = ANY(?) AND (a.cipher_value IS NOT NULL OR q.answer_type = 'TEXT')
                ORDER BY a.member_id, a.question_key FOR UPDATE OF a""",
                rs -> new SealableAnswer(rs.getLong(1), rs.getString(2),
                        rs.getArray(3) == null ? null : SurveyStore.texts(rs.getArray(3)), rs.getString(4)),
                tx.sql().longArray(memberIds));
    }

    void seal(Tx tx, long memberId, String key, String cipher) {
        tx.sql().update("UPDATE profile_answer SET plain_values = NULL, cipher_value = ? WHERE member_id = ? AND question_key = ?",
                cipher, memberId, key);
    }

    /** @return whether this is the member's first answer to the question */
    boolean saveAnswer(Tx tx, long memberId, String key, List<String> plainValues, String cipher, Instant at,
                       String context) {
        boolean first = tx.sql().number("SELECT count(*) FROM profile_answer WHERE member_id = ? AND question_key = ?",
                memberId, key) == 0;
        tx.sql().update("""
                INSERT INTO profile_answer (member_id, question_key, plain_values, cipher_value, answered_at, context)
                VALUES (?, ?, ?::text[], ?, ?, ?)
                ON CONFLICT (member_id, question_key) DO UPDATE SET plain_values = EXCLUDED.plain_values,
                    cipher_value = EXCLUDED.cipher_value, answered_at = EXCLUDED.answered_at, context = EXCLUDED.context""",
                memberId, key, plainValues == null ? null : SurveyStore.array(tx, plainValues), cipher, at, context);
        tx.sql().update("DELETE FROM profile_skip WHERE member_id = ? AND question_key = ?", memberId, key);
        return first;
    }

    void saveSkip(Tx tx, long memberId, String key, Instant at) {
        tx.sql().update("""
                INSERT INTO profile_skip (member_id, question_key, skipped_at) VALUES (?, ?, ?)
                ON CONFLICT (member_id, question_key) DO UPDATE SET skipped_at = EXCLUDED.skipped_at""", memberId, key, at);
    }

    /** Removes everything profiling knows about the member; returns how many answers went. */
    int erase(Tx tx, long memberId) {
        int answers = tx.sql().update("DELETE FROM profile_answer WHERE member_id = ?", memberId);
        tx.sql().update("DELETE FROM profile_skip WHERE member_id = ?", memberId);
        tx.sql().update("DELETE FROM profile_visit WHERE member_id = ?", memberId);
        return answers;
    }

    // ---- segment criteria ----------------------------------------------------------------------------------------

    List<Long> membersWithAnswer(Tx tx, String key, String value, long afterMemberId, int limit) {
        return tx.sql().list("""
                SELECT a.member_id FROM profile_answer a JOIN member m ON m.id = a.member_id AND m.erased_at IS NULL
                WHERE a.question_key = ? AND a.plain_values @> ARRAY[?::text] AND a.member_id > ?
                ORDER BY a.member_id LIMIT ?""", rs -> rs.getLong(1), key, value, afterMemberId, limit);
    }

    boolean hasAnswer(Tx tx, long memberId, String key, String value) {
        return tx.sql().number("""
                SELECT count(*) FROM profile_answer
                WHERE member_id = ? AND question_key = ? AND plain_values @> ARRAY[?::text]""", memberId, key, value) > 0;
    }

    // ---- statistics ----------------------------------------------------------------------------------------------

    Map<String, long[]> answeredAndSkipped(Tx tx) {
        Map<String, long[]> out = new HashMap<>();
        tx.sql().list("""
                SELECT q.key, (SELECT count(*) FROM profile_answer a WHERE a.question_key = q.key),
                       (SELECT count(*) FROM profile_skip s WHERE s.question_key = q.key)
                FROM profile_question q""", rs -> out.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)}));
        return out;
    }

    /** Counts per value of the non-PII answers, by question. */
    Map<String, Map<String, Long>> valueCounts(Tx tx) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        tx.sql().list("""
                SELECT a.question_key, v, count(*) FROM profile_answer a CROSS JOIN LATERAL unnest(a.plain_values) v
                GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2""",
                rs -> out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3)));
        return out;
    }
}
