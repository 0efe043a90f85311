package dev.kizuna.survey.invitation;

/**
 * Where the decision on one delivered order stands: {@code survey_invitation.status} holds its {@link #name()}, and
 * the column's CHECK constraint lists exactly these names ({@code SurveyStatusesTest} holds the two together).
 */
public enum InvitationStatus {
    /** The invitation mail was written; its link is open until it expires. */
    SENT,
    /** The customer answered through the link. */
    RESPONDED,
    /** No invitation for this order; the skip reason says why ({@link InvitationOutcome}). */
    SKIPPED
}
