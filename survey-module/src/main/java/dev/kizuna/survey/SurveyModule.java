package dev.kizuna.survey;

import dev.kizuna.core.ports.CustomerMergeParticipant;
import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.intake.EventBus;
import dev.kizuna.core.module.KizunaContext;
import dev.kizuna.survey.console.SurveyConsole;
import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.ports.ProfileConditions;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.survey.feedback.ResponseStore;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.feedback.SurveyCatalog;
import dev.kizuna.survey.feedback.SurveyStore;
import dev.kizuna.survey.invitation.InvitationStore;
import dev.kizuna.survey.invitation.SurveyInvitationJob;
import dev.kizuna.survey.invitation.SurveyLinks;
import dev.kizuna.survey.profiling.CustomerProfiles;
import dev.kizuna.survey.profiling.ProfileAudience;
import dev.kizuna.survey.profiling.ProfileQuestionAdmin;
import dev.kizuna.survey.profiling.ProfileQuestionCatalog;
import dev.kizuna.survey.profiling.ProfilingEntities;
import dev.kizuna.survey.profiling.ProgressiveProfiling;
import dev.kizuna.survey.profiling.QuestionPicker;
import dev.kizuna.survey.results.SurveyQueries;
import dev.kizuna.survey.results.SurveyReports;
import dev.kizuna.survey.web.SurveyPage;
import dev.kizuna.survey.web.SurveyPageServlet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Post-purchase surveys and progressive profiling.
 *
 * <p>Surveys: the merchant builds versioned surveys (NPS, rating, single/multiple choice, free text; ja/en; simple
 * branching); the {@value SurveyInvitationJob#NAME} job mails an invitation some days after delivery (trigger per
 * survey: days, channel, ranks, segments, sampling, cooldown) with a signed, expiring, single-use link to the survey
 * page {@code /crm/survey/<token>} ({@link SurveyPageServlet}, mounted in core page routes); answering grants the
 * survey's points once through the points feature's {@code RewardGranter}. Results: response rate, NPS by ISO week and
 * by rank, distributions, free-text search, CSV.
 *
 * <p>Profiling: merchant-defined profile questions asked one or two at a time ({@code GET/POST
 * /crm/api/me/profile/questions}, or the {@code survey/profile-widget.ftlh} fragment); PII answers encrypted; non-PII
 * answers usable as segment criteria ({@link CustomerProfiles#membersWithAnswer}).
 *
 * <p>Ports provided: {@link SurveyAdmin}, {@link SurveyQueries}, {@link CustomerProfiles},
 * {@link ProfileQuestionAdmin}, {@link SurveyPage} (preview and page logic), {@link AnswerErasure}.
 *
 * <p>API under {@code /crm/api} (console: read = ADMIN, MARKETER, SUPPORT; change = ADMIN, MARKETER):
 * <ul>
 *   <li>{@code GET /surveys}, {@code POST /surveys}, {@code GET /surveys/{id}}, {@code PUT /surveys/{id}/draft},
 *       {@code PUT /surveys/{id}/settings}, {@code POST /surveys/{id}/publish}, {@code PUT /surveys/{id}/status},
 *       {@code GET /surveys/{id}/preview?lang=} (HTML);</li>
 *   <li>{@code GET /surveys/{id}/results?from=&to=}, {@code GET /surveys/{id}/free-text?q=&question=&before=&limit=},
 *       {@code GET /surveys/{id}/export.csv?from=&to=} (ADMIN, MARKETER; audit-logged), {@code GET /surveys/nps-trend?weeks=};</li>
 *   <li>{@code GET /profile-questions}, {@code GET /profile-questions/stats}, {@code POST /profile-questions},
 *       {@code PUT /profile-questions/{key}};</li>
 *   <li>{@code GET /customers/{id}/survey-responses}, {@code GET /customers/{id}/profile},
 *       {@code DELETE /customers/{id}/survey-data} (ADMIN: erasure, audit-logged);</li>
 *   <li>shopper: {@code GET/POST /me/profile/questions}, {@code GET /me/profile/widget} (HTML fragment),
 *       {@code GET/DELETE /me/profile/answers}, {@code GET /me/surveys}, {@code DELETE /me/survey-answers}.</li>
 * </ul>
 *
 * <p>Configuration: {@code kizuna.profiling.per-visit} (questions per visit, default 2),
 * {@code kizuna.profiling.skip-cooldown-days} (default 30), {@code kizuna.surveys.invitation-batch-size} (orders per
 * batch of the invitation job, default 500), {@code kizuna.surveys.free-text-scan} (answers decrypted per free-text
 * search page at most, default 5,000); links use {@code kizuna.public-base-url}.
 */
public final class SurveyModule implements KizunaModule {
    public static final String PAGE_SEGMENT = "survey";

    @Override
    public String name() {
        return "surveys";
    }

    @Override
    public int startOrder() {
        return 200;
    }

    @Override
    public List<Class<?>> entityClasses() {
        List<Class<?>> entities = new ArrayList<>(SurveyStore.entities());
        entities.addAll(ProfilingEntities.all());
        return entities;
    }

    @Override
    public void start(KizunaContext ctx) {
        KizunaConfig config = ctx.config();
        int perVisit = config.intValue("kizuna.profiling.per-visit", 2);
        int cooldownDays = config.intValue("kizuna.profiling.skip-cooldown-days", 30);
        int batchSize = config.intValue("kizuna.surveys.invitation-batch-size", 500);
        int scan = config.intValue("kizuna.surveys.free-text-scan", 5_000);
        if (perVisit < 0 || perVisit > 10) {
            throw new IllegalArgumentException("kizuna.profiling.per-visit: must be between 0 and 10");
        }
        if (cooldownDays < 0) {
            throw new IllegalArgumentException("kizuna.profiling.skip-cooldown-days: must not be negative");
        }
        if (batchSize < 1 || scan < 1) {
            throw new IllegalArgumentException("kizuna.surveys.invitation-batch-size and free-text-scan must be positive");
        }

        SurveyStore surveys = new SurveyStore();
        InvitationStore invitations = new InvitationStore();
        ResponseStore responses = new ResponseStore(ctx.cipher(), ctx.ports());
        SurveyLinks links = new SurveyLinks(ctx.tokens(), config.publicBaseUrl());
        SurveyPage page = new SurveyPage(ctx.database(), surveys, invitations, responses, links, ctx.templates(),
                ctx.clock(), ctx.ports());
        SurveyCatalog catalog = new SurveyCatalog(ctx.database(), surveys, ctx.clock(), ctx.audit(), page);
        SurveyReports reports = new SurveyReports(ctx.database(), surveys, invitations, responses, links, ctx.clock(),
                ctx.zone(), scan);
        ProgressiveProfiling profiling = new ProgressiveProfiling(ctx.database(), ctx.cipher(), ctx.ports(), ctx.clock(),
                ctx.templates(), new QuestionPicker.Limits(perVisit, Duration.ofDays(cooldownDays), ctx.zone()));
        ProfileQuestionCatalog questions = new ProfileQuestionCatalog(ctx.database(), ctx.clock(), ctx.audit());
        AnswerErasure erasure = new AnswerErasure(profiling);
        ctx.sealed().add("survey_answer", responses::reseal);
        ctx.sealed().add("profile_answer", profiling::reseal);
        ctx.ports().contribute(CustomerMergeParticipant.class, new SurveyAnswersMerge(ctx.cipher()));

        ctx.ports().provide(SurveyAdmin.class, catalog);
        ctx.ports().provide(SurveyQueries.class, reports);
        ctx.ports().provide(CustomerProfiles.class, profiling);
        ctx.ports().provide(ProfileQuestionAdmin.class, questions);
        ctx.ports().provide(SurveyPage.class, page);
        ctx.ports().provide(AnswerErasure.class, erasure);
        ctx.ports().provide(ProfileConditions.class, new ProfileAudience());
        ctx.ports().contribute(TouchpointSource.class, new SurveyTouchpoints());
        SurveyConsole.register(ctx.console(), reports, profiling);

        ctx.jobs().register(new SurveyInvitationJob(invitations, surveys, links, ctx.mail(), ctx.host(), ctx.ports(),
                ctx.zone(), batchSize));
        ctx.events().on(CustomerDeleted.class, "surveys.erase-answers", EventBus.FEATURE, erasure::onCustomerDeleted);
        ctx.pages().mount(PAGE_SEGMENT, new SurveyPageServlet(page));
        SurveyApi.register(ctx, catalog, reports, profiling, questions, erasure);
    }
}
