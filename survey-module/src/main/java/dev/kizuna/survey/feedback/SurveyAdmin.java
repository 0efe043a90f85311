package dev.kizuna.survey.feedback;

import java.time.Instant;
import java.util.List;

/**
 * The survey builder, for the console and the admin API (provided through {@code ctx.ports()}). Every change is
 * audit-logged with before and after. Designs are checked in full on every save; an invalid one is refused with an
 * {@link dev.kizuna.core.errors.InvalidInput} naming the field (e.g. {@code questions[1].choices}).
 */
public interface SurveyAdmin {

    record SurveySummary(long id, String code, String name, SurveyStatus status, Integer publishedVersion,
                         boolean unpublishedChanges, long invited, long responded) {
    }

    record VersionInfo(long id, int version, Instant publishedAt, String publishedBy, long responses) {
    }

    /**
     * @param published          the design of the newest version, null before the first publish
     * @param unpublishedChanges whether the draft differs from {@code published}
     */
    record SurveyDetail(long id, String code, String name, SurveyStatus status, SurveySettings settings,
                        Instant invitesFrom, SurveyDesign draft, SurveyDesign published, Integer publishedVersion,
                        boolean unpublishedChanges, List<VersionInfo> versions) {
    }

    /** A new survey: {@code code} is a kebab-case identifier; {@code settings.trigger} may be omitted (defaults). */
    record NewSurvey(String code, SurveyDesign design, SurveySettings settings) {
    }

    /** A status change; {@code invitesFrom} (optional, on activation) includes deliveries from that instant on. */
    record StatusChange(SurveyStatus status, Instant invitesFrom) {
    }

    List<SurveySummary> surveys();

    SurveyDetail survey(long id);

    SurveyDetail create(NewSurvey survey, String actor);

    SurveyDetail saveDraft(long id, SurveyDesign design, String actor);

    SurveyDetail updateSettings(long id, SurveySettings settings, String actor);

    /** Freezes the draft as the next version; refused with {@code NOTHING_TO_PUBLISH} when it equals the newest one. */
    SurveyDetail publish(long id, String actor);

    /**
     * Activating needs a published version ({@code NOT_PUBLISHED}); it invites deliveries from the moment of activation
     * (or {@code invitesFrom}). A survey cannot go back to DRAFT.
     */
    SurveyDetail changeStatus(long id, StatusChange change, String actor);

    /** The survey page for the draft, as HTML, with the form disabled ({@code lang} ja or en). */
    String preview(long id, String lang, String contextPath);
}
