package dev.kizuna.survey;

import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.survey.profiling.ProgressiveProfiling;

/**
 * Erasure of what surveys and profiling know about a person, keeping only anonymous aggregates: profile answers,
 * skips and visits are deleted; survey free text is deleted; scores and choices stay for NPS and distributions but
 * no longer point at the member or the invitation; invitations forget the member (their links stop working) but keep
 * the order, so an order is never asked about twice. Runs on the host's {@code CustomerDeleted}, on an admin's
 * request, and (without forgetting invitations) when a shopper erases their own survey answers.
 */
public final class AnswerErasure {
    private final ProgressiveProfiling profiling;

    public AnswerErasure(ProgressiveProfiling profiling) {
        this.profiling = profiling;
    }

    /** What an erasure removed. */
    public record Erased(int profileAnswers, int freeTextAnswers, int responsesAnonymised) {
    }

    void onCustomerDeleted(CustomerDeleted event, Tx tx) {
        Members.find(tx, event.customerId()).ifPresent(memberId -> eraseMember(tx, memberId));
    }

    /** Full erasure (customer deleted, or an admin's request): profile and survey answers, and invitation links. */
    public Erased eraseMember(Tx tx, long memberId) {
        int profile = profiling.eraseMember(tx, memberId);
        Erased survey = anonymiseSurveyAnswers(tx, memberId);
        // the order stays on the invitation (orders are kept anyway): without it the next invitation run would find
        // the member's delivered orders undecided and mail them again; without the member its links stop working
        tx.sql().update("UPDATE survey_invitation SET member_id = NULL WHERE member_id = ?", memberId);
        return new Erased(profile, survey.freeTextAnswers(), survey.responsesAnonymised());
    }

    /**
     * The shopper's own request: their free text goes and their responses are detached from them. Invitations stay
     * linked so the orders already asked about are not asked about again.
     */
    public Erased anonymiseSurveyAnswers(Tx tx, long memberId) {
        int texts = tx.sql().update("""
                DELETE FROM survey_answer a USING survey_response r
                WHERE r.id = a.response_id AND r.member_id = ? AND a.free_text IS NOT NULL""", memberId);
        int responses = tx.sql().update(
                "UPDATE survey_response SET member_id = NULL, invitation_id = NULL WHERE member_id = ?", memberId);
        return new Erased(0, texts, responses);
    }
}
