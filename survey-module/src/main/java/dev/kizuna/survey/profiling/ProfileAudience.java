package dev.kizuna.survey.profiling;

import dev.kizuna.core.ports.ProfileConditions;
import dev.kizuna.core.ports.SqlCondition;

/**
 * Profile answers as audience conditions ({@link ProfileConditions}): the non-PII answers kept in clear, as
 * {@link CustomerProfiles#membersWithAnswer} reads them. PII answers are sealed and never match.
 */
public final class ProfileAudience implements ProfileConditions {

    @Override
    public SqlCondition answered(String questionKey, String value) {
        return SqlCondition.of("""
                EXISTS (SELECT 1 FROM profile_answer pa WHERE pa.member_id = m.id AND pa.question_key = ?
                        AND ? = ANY(pa.plain_values))""", questionKey, value);
    }
}
