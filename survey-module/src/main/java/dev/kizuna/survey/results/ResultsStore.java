package dev.kizuna.survey.results;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.survey.feedback.SurveyStore;
import dev.kizuna.survey.invitation.InvitationStatus;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aggregates over responses and invitations, computed in PostgreSQL; only free text needs rows in Java. */
final class ResultsStore {
    /** Stand-ins for an open end of a period (timestamptz covers both). */
    static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant END = Instant.parse("9999-01-01T00:00:00Z");

    private static final String NPS_COUNTS = """
            count(*) FILTER (WHERE nps_score >= 9), count(*) FILTER (WHERE nps_score BETWEEN 7 AND 8),
            count(*) FILTER (WHERE nps_score <= 6)""";

    private final ZoneId zone;

    ResultsStore(ZoneId zone) {
        this.zone = zone;
    }

    long[] invitedAndResponded(Tx tx, long surveyId, Instant from, Instant to) {
        return tx.sql().one("""
                SELECT count(*), count(*) FILTER (WHERE status = ?) FROM survey_invitation
                WHERE survey_id = ? AND status <> ? AND decided_at >= ? AND decided_at < ?""",
                rs -> new long[]{rs.getLong(1), rs.getLong(2)}, InvitationStatus.RESPONDED, surveyId,
                InvitationStatus.SKIPPED, from, to).orElse(new long[2]);
    }

    NpsScore nps(Tx tx, long surveyId, Instant from, Instant to) {
        return tx.sql().one("SELECT " + NPS_COUNTS + """
                 FROM survey_response
                WHERE survey_id = ? AND nps_score IS NOT NULL AND submitted_at >= ? AND submitted_at < ?""",
                rs -> NpsScore.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)), surveyId, from, to).orElse(NpsScore.NONE);
    }

    /** NPS per ISO week (shop time) of one survey, or of all when {@code surveyId} is null. */
    List<SurveyQueries.WeekNps> npsByWeek(Tx tx, Long surveyId, Instant from, Instant to) {
        return tx.sql().list("SELECT (date_trunc('week', submitted_at AT TIME ZONE ?))::date AS week, " + NPS_COUNTS + """
                 FROM survey_response
                WHERE (?::bigint IS NULL OR survey_id = ?) AND nps_score IS NOT NULL AND submitted_at >= ? AND submitted_at < ?
                GROUP BY 1 ORDER BY 1""",
                rs -> week(rs.getObject(1, LocalDate.class), NpsScore.of(rs.getLong(2), rs.getLong(3), rs.getLong(4))),
                zone.getId(), surveyId, surveyId, from, to);
    }

    static SurveyQueries.WeekNps week(LocalDate monday, NpsScore nps) {
        return new SurveyQueries.WeekNps("%d-W%02d".formatted(monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), monday, nps);
    }

    List<SurveyQueries.RankNps> npsByRank(Tx tx, long surveyId, Instant from, Instant to) {
        return tx.sql().list("SELECT coalesce(rank_code, 'UNKNOWN'), " + NPS_COUNTS + """
                 FROM survey_response
                WHERE survey_id = ? AND nps_score IS NOT NULL AND submitted_at >= ? AND submitted_at < ?
                GROUP BY 1 ORDER BY 1""",
                rs -> new SurveyQueries.RankNps(rs.getString(1), NpsScore.of(rs.getLong(2), rs.getLong(3), rs.getLong(4))),
                surveyId, from, to);
    }

    /** How often each value was given per question: scores and choices by value, free text under "". */
    Map<String, Map<String, Long>> valueCounts(Tx tx, long surveyId, Instant from, Instant to) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        tx.sql().list("""
                SELECT a.question_key, v.value, count(*)
                FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
                CROSS JOIN LATERAL (
                    SELECT a.score::text AS value WHERE a.score IS NOT NULL
                    UNION ALL SELECT unnest(a.choices)
                    UNION ALL SELECT '' WHERE a.free_text IS NOT NULL) v
                WHERE r.survey_id = ? AND r.submitted_at >= ? AND r.submitted_at < ?
                GROUP BY 1, 2""", rs -> out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                .put(rs.getString(2), rs.getLong(3)), surveyId, from, to);
        return out;
    }

    /** How many responses answered each question. */
    Map<String, Long> answeredCounts(Tx tx, long surveyId, Instant from, Instant to) {
        Map<String, Long> out = new HashMap<>();
        tx.sql().list("""
                SELECT a.question_key, count(*) FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
                WHERE r.survey_id = ? AND r.submitted_at >= ? AND r.submitted_at < ? GROUP BY 1""",
                rs -> out.put(rs.getString(1), rs.getLong(2)), surveyId, from, to);
        return out;
    }

    record ResponseRow(long id, long surveyId, long versionId, int version, Instant submittedAt, String customerRef,
                       String rankCode, String locale, Integer npsScore, long rewardPoints) {
    }

    private static final String RESPONSES = """
            SELECT r.id, r.survey_id, r.survey_version_id, v.version, r.submitted_at, m.customer_ref, r.rank_code, r.locale,
                   r.nps_score, r.reward_points
            FROM survey_response r JOIN survey_version v ON v.id = r.survey_version_id
            LEFT JOIN member m ON m.id = r.member_id""";

    /** A keyset chunk of one survey's responses in the period, ascending by id. */
    List<ResponseRow> responses(Tx tx, long surveyId, Instant from, Instant to, long afterId, int limit) {
        return tx.sql().list(RESPONSES + """
                 WHERE r.survey_id = ? AND r.submitted_at >= ? AND r.submitted_at < ? AND r.id > ?
                ORDER BY r.id LIMIT ?""", ResultsStore::response, surveyId, from, to, afterId, limit);
    }

    List<ResponseRow> responsesOfMember(Tx tx, long memberId) {
        return tx.sql().list(RESPONSES + " WHERE r.member_id = ? ORDER BY r.submitted_at DESC, r.id DESC",
                ResultsStore::response, memberId);
    }

    private static ResponseRow response(ResultSet rs) throws SQLException {
        int nps = rs.getInt(9);
        Integer npsScore = rs.wasNull() ? null : nps;
        return new ResponseRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), Sql.instant(rs, "submitted_at"),
                rs.getString(6), rs.getString(7), rs.getString(8), npsScore, rs.getLong(10));
    }

    record AnswerRow(long responseId, String questionKey, Integer score, List<String> choices, String freeTextCipher) {
    }

    List<AnswerRow> answers(Tx tx, List<Long> responseIds) {
        if (responseIds.isEmpty()) {
            return List.of();
        }
        return tx.sql().list("""
                SELECT response_id, question_key, score, choices, free_text FROM survey_answer
                WHERE response_id = ANY(?::bigint[]) ORDER BY response_id, question_key""", rs -> {
            int score = rs.getInt(3);
            Integer s = rs.wasNull() ? null : score;
            Array choices = rs.getArray(4);
            return new AnswerRow(rs.getLong(1), rs.getString(2), s, choices == null ? null : SurveyStore.texts(choices),
                    rs.getString(5));
        }, tx.sql().longArray(responseIds.toArray(Long[]::new)));
    }

    record FreeTextRow(long responseId, Instant submittedAt, int version, String questionKey, String cipher,
                       Integer npsScore, String rankCode, String customerRef) {
    }

    /** A chunk of free-text answers, newest response first, of responses older than {@code beforeId}. */
    List<FreeTextRow> freeTexts(Tx tx, long surveyId, String questionKey, long beforeId, int limit) {
        return tx.sql().list("""
                SELECT r.id, r.submitted_at, v.version, a.question_key, a.free_text, r.nps_score, r.rank_code, m.customer_ref
                FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
                JOIN survey_version v ON v.id = r.survey_version_id
                LEFT JOIN member m ON m.id = r.member_id
                WHERE r.survey_id = ? AND a.free_text IS NOT NULL AND r.id < ? AND (?::text IS NULL OR a.question_key = ?)
                ORDER BY r.id DESC, a.question_key LIMIT ?""", rs -> {
            int nps = rs.getInt(6);
            Integer npsScore = rs.wasNull() ? null : nps;
            return new FreeTextRow(rs.getLong(1), Sql.instant(rs, "submitted_at"), rs.getInt(3), rs.getString(4),
                    rs.getString(5), npsScore, rs.getString(7), rs.getString(8));
        }, surveyId, beforeId, questionKey, questionKey, limit);
    }

    List<Long> ids(List<ResponseRow> rows) {
        List<Long> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.id()));
        return out;
    }
}
