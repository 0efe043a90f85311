package dev.kizuna.survey.feedback;

/**
 * DRAFT: being built, never shown. ACTIVE: invitations go out. PAUSED: no new invitations, links already mailed still
 * work. CLOSED: no invitations and mailed links are refused.
 */
public enum SurveyStatus {
    DRAFT, ACTIVE, PAUSED, CLOSED
}
