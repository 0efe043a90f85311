package dev.kizuna.survey.profiling;

import java.util.List;

/**
 * The merchant's profile questions (console and admin API; provided through {@code ctx.ports()}). Changes are
 * audit-logged. A question's type and PII flag are fixed once it has answers (stored answers were shaped and
 * protected by them); retire it with {@code active: false} and add a new one instead.
 */
public interface ProfileQuestionAdmin {

    record ValueCount(String value, long count) {
    }

    /** Answers and skips per question; for non-PII questions the count of each answer value. */
    record QuestionStats(String key, long answered, long skipped, List<ValueCount> values) {
    }

    List<ProfileQuestion> questions();

    ProfileQuestion create(ProfileQuestion question, String actor);

    ProfileQuestion update(String key, ProfileQuestion question, String actor);

    List<QuestionStats> stats();
}
