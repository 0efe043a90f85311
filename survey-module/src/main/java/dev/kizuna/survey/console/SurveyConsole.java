package dev.kizuna.survey.console;

import dev.kizuna.core.console.ConsoleContributions;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.CustomerPage;
import dev.kizuna.core.console.CustomerSection;
import dev.kizuna.core.console.DashboardSection;
import dev.kizuna.core.console.Figure;
import dev.kizuna.core.console.Navigation;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.Panel;
import dev.kizuna.core.console.PiiMask;
import dev.kizuna.core.console.ShopperRequest;
import dev.kizuna.core.console.ShopperView;
import dev.kizuna.core.console.ShopperViews;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.profiling.CustomerProfiles;
import dev.kizuna.survey.results.NpsScore;
import dev.kizuna.survey.results.SurveyQueries;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Surveys and progressive profiling in the console: the builder, results and profile-question pages, the NPS trend
 * on the dashboard, the customer's answers on the 360° page (free text and personal answers masked for support), and
 * the shopper's pending surveys and profile questions.
 */
public final class SurveyConsole {
    /** Thirteen ISO weeks: the "last 90 days" NPS and its trend. */
    static final int NPS_WEEKS = 13;
    static final int RESPONSES_SHOWN = 10;

    private SurveyConsole() {
    }

    public static void register(ConsoleContributions console, SurveyQueries surveys, CustomerProfiles profiles) {
        new SurveyPages().register(console.pages());
        new ProfileQuestionPages().register(console.pages());
        console.menu(new Navigation.Item("surveys", "nav.surveys", "/surveys", ConsoleRoutes.CONFIGURE, 200));
        console.menu(new Navigation.Item("profile-questions", "nav.profile-questions", "/profile-questions",
                ConsoleRoutes.CONFIGURE, 210));
        console.dashboardSection(new Dashboard(surveys));
        console.customerSection(new Answers(surveys, profiles));
        console.customerFacet(new AnsweredFacet());
        console.shopperView(new PendingSurveys(surveys));
        console.shopperView(new ProfileWidget(profiles));
    }

    record Dashboard(SurveyQueries surveys) implements DashboardSection {
        @Override
        public String id() {
            return "nps";
        }

        @Override
        public int order() {
            return 400;
        }

        @Override
        public Panel render(PageRequest r) {
            List<SurveyQueries.WeekNps> weeks = surveys.npsTrend(NPS_WEEKS);
            NpsScore total = NpsScore.of(weeks.stream().mapToLong(w -> w.nps().promoters()).sum(),
                    weeks.stream().mapToLong(w -> w.nps().passives()).sum(),
                    weeks.stream().mapToLong(w -> w.nps().detractors()).sum());
            List<Figure> figures = total.score() == null ? List.of() : List.of(new Figure("nps",
                    r.messages().text("dashboard.nps"), Integer.toString(total.score()), total.score() < 0));
            return new Panel(figures, r.fragment("surveys/dashboard.ftlh",
                    Map.of("npsChart", SurveyPages.npsTrendChart(weeks, r.messages()))));
        }
    }

    record Answers(SurveyQueries surveys, CustomerProfiles profiles) implements CustomerSection {
        @Override
        public String id() {
            return "answers";
        }

        @Override
        public int order() {
            return 500;
        }

        @Override
        public Panel render(CustomerPage c) {
            Map<String, Object> model = new HashMap<>();
            List<SurveyQueries.CustomerResponse> responses = surveys.responsesOf(c.customerRef());
            model.put("responses", (c.masked() ? responses.stream().map(Answers::mask).toList() : responses)
                    .stream().limit(RESPONSES_SHOWN).toList());
            model.put("responsesTotal", responses.size());
            List<CustomerProfiles.ProfileAnswer> answers = profiles.answers(c.customerRef());
            model.put("profileAnswers", c.masked() ? answers.stream().map(Answers::mask).toList() : answers);
            return Panel.of(c.fragment("surveys/customer-section.ftlh", model));
        }

        static SurveyQueries.CustomerResponse mask(SurveyQueries.CustomerResponse r) {
            return new SurveyQueries.CustomerResponse(r.responseId(), r.surveyId(), r.surveyName(), r.version(),
                    r.submittedAt(), r.npsScore(), r.rewardPoints(), r.answers().stream().map(a ->
                    new SurveyQueries.AnswerView(a.questionKey(), a.type(), a.question(), a.score(),
                            a.choices(), PiiMask.hidden(a.text()))).toList());
        }

        static CustomerProfiles.ProfileAnswer mask(CustomerProfiles.ProfileAnswer a) {
            if (!a.pii()) {
                return a;
            }
            return new CustomerProfiles.ProfileAnswer(a.key(), a.label(), a.type(), true,
                    a.values().stream().map(v -> new CustomerProfiles.AnswerValue(PiiMask.hidden(v.value()),
                            LocalizedText.of(PiiMask.hidden(v.label().ja()), PiiMask.hidden(v.label().en()))))
                            .toList(), a.answeredAt());
        }
    }

    /** Surveys the shopper was invited to and can still answer, with their links. */
    record PendingSurveys(SurveyQueries surveys) implements ShopperView {
        @Override
        public String id() {
            return "pending-surveys";
        }

        @Override
        public int order() {
            return 400;
        }

        @Override
        public String render(ShopperRequest s) {
            List<SurveyQueries.PendingSurvey> pending = surveys.pendingFor(s.customerRef());
            return pending.isEmpty() ? "" : s.render("pending-surveys.ftlh", Map.of("surveys", pending));
        }
    }

    /**
     * The next profile questions for the account page; empty when nothing is to be asked. Showing it counts as a
     * visit for the per-visit limit.
     */
    record ProfileWidget(CustomerProfiles profiles) implements ShopperView {
        @Override
        public String id() {
            return "profile-questions";
        }

        @Override
        public int order() {
            return 500;
        }

        @Override
        public String render(ShopperRequest s) {
            return profiles.widget(s.customerRef(), s.lang(), ShopperViews.ACCOUNT_PLACEMENT, s.contextPath());
        }
    }
}
