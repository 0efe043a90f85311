package dev.kizuna.survey;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiRequest;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Role;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.feedback.SurveySettings;
import dev.kizuna.survey.profiling.CustomerProfiles;
import dev.kizuna.survey.profiling.ProfileQuestion;
import dev.kizuna.survey.profiling.ProfileQuestionAdmin;
import dev.kizuna.survey.profiling.ProgressiveProfiling;
import dev.kizuna.survey.results.SurveyQueries;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The survey module's routes under {@code /crm/api}; see {@link SurveyModule} for the list. */
final class SurveyApi {
    private static final Access READ = Access.admin(Role.ADMIN, Role.MARKETER, Role.SUPPORT);
    private static final Access WRITE = Access.admin(Role.ADMIN, Role.MARKETER);

    private SurveyApi() {
    }

    /** The shopper's surveys: the ones still open and the ones answered. */
    record MySurveys(List<SurveyQueries.PendingSurvey> pending, List<SurveyQueries.CustomerResponse> answered) {
    }

    static void register(KizunaContext ctx, SurveyAdmin admin, SurveyQueries queries, ProgressiveProfiling profiling,
                         ProfileQuestionAdmin questions, AnswerErasure erasure) {
        ApiRoutes api = ctx.api();

        api.doc("Lists the surveys").returnsListOf(SurveyAdmin.SurveySummary.class)
                .get("/surveys", READ, r -> admin.surveys());
        api.doc("Creates a survey with an empty draft").body(SurveyAdmin.NewSurvey.class).returns(SurveyAdmin.SurveyDetail.class).status(201)
                .post("/surveys", WRITE, r -> ApiResponse.created(admin.create(r.body(SurveyAdmin.NewSurvey.class), r.actor())));
        api.doc("NPS by ISO week over all surveys").returnsListOf(SurveyQueries.WeekNps.class)
                .get("/surveys/nps-trend", READ, r -> queries.npsTrend(r.queryInt("weeks", 12, 1, 260)));
        api.doc("One survey with its draft and published versions").returns(SurveyAdmin.SurveyDetail.class)
                .get("/surveys/{id}", READ, r -> admin.survey(r.pathLong("id")));
        api.doc("Saves a survey's draft design").body(SurveyDesign.class).returns(SurveyAdmin.SurveyDetail.class)
                .put("/surveys/{id}/draft", WRITE, r -> admin.saveDraft(r.pathLong("id"), r.body(SurveyDesign.class), r.actor()));
        api.doc("Changes a survey's trigger and reward settings").body(SurveySettings.class).returns(SurveyAdmin.SurveyDetail.class)
                .put("/surveys/{id}/settings", WRITE, r ->
                admin.updateSettings(r.pathLong("id"), r.body(SurveySettings.class), r.actor()));
        api.doc("Publishes the draft as the survey's next version").returns(SurveyAdmin.SurveyDetail.class)
                .post("/surveys/{id}/publish", WRITE, r -> admin.publish(r.pathLong("id"), r.actor()));
        api.doc("Activates, pauses or closes a survey").body(SurveyAdmin.StatusChange.class).returns(SurveyAdmin.SurveyDetail.class)
                .put("/surveys/{id}/status", WRITE, r ->
                admin.changeStatus(r.pathLong("id"), r.body(SurveyAdmin.StatusChange.class), r.actor()));
        api.doc("The survey page as a shopper will see it (HTML)").produces("text/html")
                .get("/surveys/{id}/preview", READ, r -> new ApiResponse(200,
                admin.preview(r.pathLong("id"), r.query("lang").orElse("ja"), r.contextPath()),
                "text/html; charset=UTF-8", Map.of()));
        api.doc("A survey's results: response rate, NPS, distributions").returns(SurveyQueries.SurveyResults.class)
                .get("/surveys/{id}/results", READ, r ->
                queries.results(r.pathLong("id"), date(r, "from"), date(r, "to")));
        api.doc("Searches a survey's free-text answers").returns(SurveyQueries.FreeTextPage.class)
                .get("/surveys/{id}/free-text", READ, r -> queries.freeText(r.pathLong("id"), r.query("q").orElse(null),
                r.query("question").orElse(null), r.query("before").map(b -> parseLong("before", b)).orElse(null),
                r.queryInt("limit", 50, 1, 200)));
        api.doc("A survey's answers as CSV (audited)").produces("text/csv")
                .get("/surveys/{id}/export.csv", WRITE, r -> {
            long id = r.pathLong("id");
            LocalDate from = date(r, "from");
            LocalDate to = date(r, "to");
            String csv = queries.exportCsv(id, from, to);
            // the export carries customer ids and free text out of Kizuna: who took it is worth knowing
            Map<String, Object> period = new LinkedHashMap<>();
            period.put("from", from);
            period.put("to", to);
            ctx.database().execute(tx -> ctx.audit().record(tx, r.actor(), "survey.export", "survey:" + id, null, period));
            return ApiResponse.csv("survey-" + id + ".csv", csv);
        });

        api.doc("Lists the profile questions").returnsListOf(ProfileQuestion.class)
                .get("/profile-questions", READ, r -> questions.questions());
        api.doc("How often each profile question was answered or skipped").returnsListOf(ProfileQuestionAdmin.QuestionStats.class)
                .get("/profile-questions/stats", READ, r -> questions.stats());
        api.doc("Creates a profile question").body(ProfileQuestion.class).returns(ProfileQuestion.class).status(201)
                .post("/profile-questions", WRITE, r ->
                ApiResponse.created(questions.create(r.body(ProfileQuestion.class), r.actor())));
        api.doc("Changes a profile question").body(ProfileQuestion.class).returns(ProfileQuestion.class)
                .put("/profile-questions/{key}", WRITE, r ->
                questions.update(r.path("key"), r.body(ProfileQuestion.class), r.actor()));

        api.doc("A customer's survey responses").returnsListOf(SurveyQueries.CustomerResponse.class)
                .get("/customers/{id}/survey-responses", READ, r -> queries.responsesOf(r.path("id")));
        api.doc("A customer's profile answers").returnsListOf(CustomerProfiles.ProfileAnswer.class)
                .get("/customers/{id}/profile", READ, r -> profiling.answers(r.path("id")));
        api.doc("Erases a customer's survey and profile answers (audited)")
                .delete("/customers/{id}/survey-data", Access.admin(Role.ADMIN), r -> {
            String customer = r.path("id");
            return ctx.database().inTransaction(tx -> {
                long memberId = Members.find(tx, customer).orElseThrow(() -> new NotFound("no customer " + customer));
                AnswerErasure.Erased erased = erasure.eraseMember(tx, memberId);
                ctx.audit().record(tx, r.actor(), "surveys.erase-customer", "customer:" + customer, null, erased);
                return erased;
            });
        });

        api.doc("The next profile questions to ask the signed-in shopper").returnsListOf(CustomerProfiles.OfferedQuestion.class)
                .get("/me/profile/questions", Access.shopper(), r -> profiling.nextQuestions(r.shopper(),
                r.queryInt("k", Math.max(1, profiling.limits().perVisit()), 1, 10), r.query("context").orElse(null),
                lang(r)));
        api.doc("Saves the shopper's answers to profile questions").body(CustomerProfiles.ProfileSubmission.class).returns(CustomerProfiles.SubmissionResult.class)
                .post("/me/profile/questions", Access.shopper(), r ->
                profiling.submit(r.shopper(), r.body(CustomerProfiles.ProfileSubmission.class)));
        api.doc("The profile questions as an HTML fragment for the host's page").produces("text/html")
                .get("/me/profile/widget", Access.shopper(), r -> new ApiResponse(200,
                profiling.widget(r.shopper(), lang(r), r.query("context").orElse(null), r.contextPath()),
                "text/html; charset=UTF-8", Map.of()));
        api.doc("The signed-in shopper's profile answers").returnsListOf(CustomerProfiles.ProfileAnswer.class)
                .get("/me/profile/answers", Access.shopper(), r -> profiling.answers(r.shopper()));
        api.doc("Erases the signed-in shopper's profile answers")
                .delete("/me/profile/answers", Access.shopper(), r -> Map.of("erased", profiling.eraseAnswers(r.shopper())));
        api.doc("The shopper's pending and answered surveys").returns(MySurveys.class)
                .get("/me/surveys", Access.shopper(), r ->
                new MySurveys(queries.pendingFor(r.shopper()), queries.responsesOf(r.shopper())));
        api.doc("Erases the signed-in shopper's survey answers")
                .delete("/me/survey-answers", Access.shopper(), r -> ctx.database().inTransaction(tx -> {
            Optional<Long> member = Members.find(tx, r.shopper());
            return member.map(m -> erasure.anonymiseSurveyAnswers(tx, m)).orElse(new AnswerErasure.Erased(0, 0, 0));
        }));
    }

    private static String lang(ApiRequest r) {
        return ShopperTexts.lang(r.locale());
    }

    private static LocalDate date(ApiRequest r, String name) {
        Optional<String> v = r.query(name);
        try {
            return v.map(LocalDate::parse).orElse(null);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(name, "invalid-date");
        }
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, "whole-number");
        }
    }
}
