package dev.kizuna.segment.funnel;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiRequest;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Role;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * <ul>
 *   <li>{@code GET /funnel?by=month|channel|category&from=&to=} and {@code GET /funnel.csv} (ADMIN, MARKETER): the
 *       journey funnel of the members registered from {@code from} to {@code to} (dates, the shop's zone; this
 *       month and the eleven before it by default), overall and by the breakdown;</li>
 *   <li>{@code GET /cohorts/retention?from=&to=} and {@code GET /cohorts/retention.csv} (ADMIN, MARKETER): retention
 *       of the first-order months from {@code from} to {@code to} ({@code 2026-05}, or a date meaning its month);</li>
 *   <li>{@code GET /funnel/regular} and {@code PUT /funnel/regular} (ADMIN, MARKETER): who counts as a regular,
 *       {@code {rfmSegments, rankAtLeast}}.</li>
 * </ul>
 */
final class JourneyApi {
    private JourneyApi() {
    }

    static void register(ApiRoutes api, Journeys journeys) {
        Access marketing = Access.admin(Role.ADMIN, Role.MARKETER);
        api.doc("The journey funnel (registration, first, second, third order, regular) with conversions and median days, by registration month, first-order channel or category")
                .returns(FunnelReport.class).get("/funnel", marketing, r -> funnel(r, journeys));
        api.doc("The journey funnel as CSV").produces("text/csv").get("/funnel.csv", marketing, r -> {
            FunnelReport report = funnel(r, journeys);
            return ApiResponse.csv("funnel-" + report.by().key() + ".csv", journeys.funnelCsv(report));
        });
        api.doc("Retention by first-order month: the share of each cohort ordering again in months 1 to 12")
                .returns(RetentionReport.class).get("/cohorts/retention", marketing, r -> retention(r, journeys));
        api.doc("Retention by first-order month as CSV").produces("text/csv").get("/cohorts/retention.csv", marketing,
                r -> ApiResponse.csv("retention.csv", journeys.retentionCsv(retention(r, journeys))));
        api.doc("Who counts as a regular in the journey funnel").returns(RegularDefinition.class)
                .get("/funnel/regular", marketing, r -> journeys.regular());
        api.doc("Changes who counts as a regular: RFM segments and/or a lowest rank").body(RegularDefinition.class)
                .returns(RegularDefinition.class).put("/funnel/regular", marketing, r -> {
                    RegularDefinition body = r.body(RegularDefinition.class);
                    return journeys.saveRegular(body, r.actor());
                });
    }

    private static FunnelReport funnel(ApiRequest r, Journeys journeys) {
        FunnelBreakdown by = FunnelBreakdown.parse(r.query("by").orElse(null), "by");
        LocalDate from = r.query("from").map(v -> day(v, "from")).orElse(null);
        LocalDate to = r.query("to").map(v -> day(v, "to")).orElse(null);
        return journeys.funnel(by, from, to);
    }

    private static RetentionReport retention(ApiRequest r, Journeys journeys) {
        YearMonth from = r.query("from").map(v -> month(v, "from")).orElse(null);
        YearMonth to = r.query("to").map(v -> month(v, "to")).orElse(null);
        return journeys.retention(from, to);
    }

    static LocalDate day(String value, String field) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "invalid-date");
        }
    }

    static YearMonth month(String value, String field) {
        String s = value.strip();
        try {
            return s.length() > 7 ? YearMonth.from(LocalDate.parse(s)) : YearMonth.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "journey.month-format");
        }
    }
}
