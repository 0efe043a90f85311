package dev.kizuna.survey.profiling;

import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.text.LocalizedText;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Progressive profiling for shoppers, the host and other features (provided through {@code ctx.ports()}): which
 * questions to ask now, taking answers and skips, a shopper's own answers (see and erase), and the non-PII answers as
 * segment criteria.
 */
public interface CustomerProfiles {

    record OptionView(String key, String label) {
    }

    /** A question to show, in the shopper's language; {@code currentValues} prefills an ALWAYS_ASK question. */
    record OfferedQuestion(String key, String label, ProfileAnswerType type, List<OptionView> options, BigDecimal min,
                           BigDecimal max, boolean pii, long rewardPoints, List<String> currentValues) {
    }

    /** Answers and skips from the widget; {@code context} is the page or moment they were given on. */
    record ProfileSubmission(String context, List<AnswerInput> answers, List<String> skips) {
        public ProfileSubmission {
            answers = answers == null ? List.of() : answers;
            skips = skips == null ? List.of() : skips;
        }
    }

    record AnswerInput(String key, List<String> values) {
    }

    /** What was saved and skipped, and the points granted now for first answers. */
    record SubmissionResult(List<String> saved, List<String> skipped, long pointsGranted) {
    }

    /** A stored value and what it reads as: its option's label, or the value itself. */
    record AnswerValue(String value, LocalizedText label) {
    }

    /** One of the shopper's answers, decrypted for the shopper (or an authorised console user). */
    record ProfileAnswer(String key, LocalizedText label, ProfileAnswerType type, boolean pii,
                         List<AnswerValue> values, Instant answeredAt) {
    }

    /**
     * The {@code k} most important questions to ask the shopper now on {@code context} (a page or moment tag; null
     * reaches questions without placement only). Counts the visit and records the questions as offered in it, so the
     * per-visit cap ({@code kizuna.profiling.per-visit}, default 2) holds however often it is called.
     */
    List<OfferedQuestion> nextQuestions(String customerRef, int k, String context, String lang);

    /**
     * Saves answers (PII encrypted) and skips (not asked again within {@code kizuna.profiling.skip-cooldown-days},
     * default 30) in one transaction, after checking them all: a bad one changes nothing. The first answer to a
     * question with a reward grants its points once.
     */
    SubmissionResult submit(String customerRef, ProfileSubmission submission);

    List<ProfileAnswer> answers(String customerRef);

    /** Erases the shopper's answers, skips and visits; returns how many answers went. Points already granted stay. */
    int eraseAnswers(String customerRef);

    /**
     * The profile widget ({@code survey/profile-widget.ftlh}) with the next questions, as an HTML fragment for the
     * host's page; empty when there is nothing to ask. Same bookkeeping as {@link #nextQuestions}.
     */
    String widget(String customerRef, String lang, String context, String contextPath);

    /**
     * Members (not erased) whose answer to the non-PII question {@code questionKey} is or includes {@code value}, in
     * ascending id after {@code afterMemberId}: a keyset page for a segment builder.
     *
     * @throws dev.kizuna.core.errors.InvalidInput for an unknown or PII question
     */
    List<Long> membersWithAnswer(Tx tx, String questionKey, String value, long afterMemberId, int limit);

    /** Whether the member's answer to the non-PII question is or includes {@code value}. */
    boolean hasAnswer(Tx tx, long memberId, String questionKey, String value);
}
