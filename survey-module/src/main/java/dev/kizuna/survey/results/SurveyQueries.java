package dev.kizuna.survey.results;

import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.feedback.QuestionType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the console and the shopper views read about surveys (provided through {@code ctx.ports()}). Dates are
 * shop-local days, both ends included; null means unbounded.
 */
public interface SurveyQueries {

    /** Invitations sent in the period and how many were answered; the response rate in percent, one decimal. */
    record SurveyResults(long surveyId, String code, String name, LocalDate from, LocalDate to, long invited,
                         long responded, Double responseRatePercent, NpsScore nps, List<WeekNps> byWeek,
                         List<RankNps> byRank, List<QuestionResult> questions) {
    }

    /** NPS of the ISO week starting on {@code weekStart} (a Monday), e.g. {@code 2026-W21}. */
    record WeekNps(String isoWeek, LocalDate weekStart, NpsScore nps) {
    }

    /** NPS of the responses given while the member held {@code rankCode} ({@code UNKNOWN} without ranks). */
    record RankNps(String rankCode, NpsScore nps) {
    }

    /**
     * The distribution of one question's answers over all versions (by key, with the newest wording). For scored
     * questions {@code average} and one bucket per score; for choices one bucket per choice; free text only counts.
     */
    record QuestionResult(String key, QuestionType type, LocalizedText text, long answered, Double average,
                          List<Bucket> buckets) {
    }

    /** A score or a choice, read as its label (a score's is the score), and how often it was answered. */
    record Bucket(String value, LocalizedText label, long count) {
    }

    /** A decrypted free-text answer; {@code customerId} is null once the customer erased their answers. */
    record FreeTextAnswer(long responseId, Instant submittedAt, int version, String questionKey, String text,
                          Integer npsScore, String rankCode, String customerId) {
    }

    /**
     * A page of matching answers, newest first. {@code nextBefore} continues the search (pass it as {@code before});
     * null when every answer was searched. {@code scanned} answers were decrypted for this page.
     */
    record FreeTextPage(List<FreeTextAnswer> answers, Long nextBefore, int scanned) {
    }

    /** A chosen key, read as its choice's label (the key itself when the version no longer offers it). */
    record ChoiceView(String key, LocalizedText label) {
    }

    record AnswerView(String questionKey, QuestionType type, LocalizedText question, Integer score,
                      List<ChoiceView> choices, String text) {
    }

    /** One of a customer's responses, with the wording of the version answered. */
    record CustomerResponse(long responseId, long surveyId, String surveyName, int version, Instant submittedAt,
                            Integer npsScore, long rewardPoints, List<AnswerView> answers) {
    }

    /** An invitation the shopper can still answer, with a fresh link to it. */
    record PendingSurvey(long invitationId, long surveyId, LocalizedText title, String link,
                         Instant expiresAt, long rewardPoints) {
    }

    SurveyResults results(long surveyId, LocalDate from, LocalDate to);

    /**
     * Free-text answers containing every word of {@code query} (all answers when blank), optionally of one question,
     * older than response {@code before} (null: from the newest). Answers are encrypted at rest, so the search
     * decrypts them in keyset chunks and stops at {@code limit} matches or after scanning its budget
     * ({@code kizuna.surveys.free-text-scan}, default 5,000 answers), whichever comes first.
     */
    FreeTextPage freeText(long surveyId, String query, String questionKey, Long before, int limit);

    /** Every response of the period as CSV, one column per question key, free text decrypted. */
    String exportCsv(long surveyId, LocalDate from, LocalDate to);

    /** NPS over all surveys for the last {@code weeks} ISO weeks up to the current one, oldest first, no gaps. */
    List<WeekNps> npsTrend(int weeks);

    /** A customer's responses, newest first (the 360° view). */
    List<CustomerResponse> responsesOf(String customerRef);

    /** The shopper's invitations still open, newest first. */
    List<PendingSurvey> pendingFor(String customerRef);
}
