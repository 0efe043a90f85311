package dev.kizuna.admin.console.customers;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.loyalty.coupon.Campaigns;
import dev.kizuna.loyalty.points.PointsQueries;
import dev.kizuna.segment.SegmentQueries;
import dev.kizuna.survey.profiling.CustomerProfiles;
import dev.kizuna.survey.results.SurveyQueries;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 360° page's sections from the points, coupon, survey and segment services, each only when its module is
 * installed. Free-text and personal answers are masked here for the support role, before a template sees them.
 */
final class CustomerSections {
    static final int RESPONSES_SHOWN = 10;
    static final int LEDGER_PAGE_SIZE = Customer360.LEDGER_PAGE_SIZE;

    private CustomerSections() {
    }

    static void add(KizunaRuntime runtime, String customerRef, Locale locale, boolean masked, int ledgerPage,
                    Map<String, Object> model) {
        var ports = runtime.context().ports();
        model.put("pointsInstalled", ports.find(PointsQueries.class).isPresent());
        ports.find(PointsQueries.class).flatMap(p -> p.points(customerRef, locale, LEDGER_PAGE_SIZE,
                (ledgerPage - 1) * LEDGER_PAGE_SIZE, false)).ifPresent(view -> {
            model.put("points", view);
            model.put("ledgerPage", ledgerPage);
            model.put("ledgerHasMore", (long) ledgerPage * LEDGER_PAGE_SIZE < view.totalEntries());
        });
        model.put("couponsInstalled", ports.find(Campaigns.class).isPresent());
        ports.find(Campaigns.class).ifPresent(c -> model.put("coupons", c.coupons(customerRef, locale)));
        model.put("surveysInstalled", ports.find(SurveyQueries.class).isPresent());
        ports.find(SurveyQueries.class).ifPresent(surveys -> {
            List<SurveyQueries.CustomerResponse> responses = surveys.responsesOf(customerRef);
            model.put("responses", (masked ? responses.stream().map(CustomerSections::mask).toList() : responses)
                    .stream().limit(RESPONSES_SHOWN).toList());
            model.put("responsesTotal", responses.size());
        });
        ports.find(CustomerProfiles.class).ifPresent(profiles -> {
            List<CustomerProfiles.ProfileAnswer> answers = profiles.answers(customerRef);
            model.put("profileAnswers", masked ? answers.stream().map(CustomerSections::mask).toList() : answers);
        });
        model.put("segmentsInstalled", ports.find(SegmentQueries.class).isPresent());
        ports.find(SegmentQueries.class).flatMap(s -> s.customer(customerRef)).ifPresent(c -> {
            model.put("segments", c);
            if (c.ltv() != null) {
                model.put("ltv", c.ltv().predictedValue());
            }
        });
    }

    static SurveyQueries.CustomerResponse mask(SurveyQueries.CustomerResponse r) {
        return new SurveyQueries.CustomerResponse(r.responseId(), r.surveyId(), r.surveyName(), r.version(),
                r.submittedAt(), r.npsScore(), r.rewardPoints(), r.answers().stream().map(a ->
                new SurveyQueries.AnswerView(a.questionKey(), a.type(), a.questionJa(), a.questionEn(), a.score(),
                        a.choices(), PiiMask.hidden(a.text()))).toList());
    }

    static CustomerProfiles.ProfileAnswer mask(CustomerProfiles.ProfileAnswer a) {
        if (!a.pii()) {
            return a;
        }
        return new CustomerProfiles.ProfileAnswer(a.key(), a.labelJa(), a.labelEn(), a.type(), true,
                a.values().stream().map(v -> new CustomerProfiles.AnswerValue(PiiMask.hidden(v.value()),
                        PiiMask.hidden(v.labelJa()), PiiMask.hidden(v.labelEn()))).toList(), a.answeredAt());
    }
}
