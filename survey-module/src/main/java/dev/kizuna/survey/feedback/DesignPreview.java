package dev.kizuna.survey.feedback;

/** Renders a design as the shopper would see it (the survey page's job), for the builder's preview. */
@FunctionalInterface
public interface DesignPreview {
    String render(SurveyDesign design, String lang, String contextPath);
}
