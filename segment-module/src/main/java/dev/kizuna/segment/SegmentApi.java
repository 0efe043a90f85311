package dev.kizuna.segment;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiRequest;
import dev.kizuna.core.web.ApiResponse;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Role;
import dev.kizuna.segment.rfm.RfmDefinitions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The segments API under {@code /crm/api}:
 * <ul>
 *   <li>{@code GET /segments} (every console role): every listed segment with its size;</li>
 *   <li>{@code GET /segments/{key}/members?page=&size=&after=} and {@code GET /segments/{key}/members.csv}
 *       (ADMIN, MARKETER): a segment's members, paged or as a CSV export;</li>
 *   <li>{@code GET/PUT /segments/rfm/definitions} (ADMIN, MARKETER): the RFM segment map, names and boundaries;
 *       a change is validated as a whole, audit-logged and applied at once;</li>
 *   <li>{@code GET /segments/rfm/grid} (every console role): members per R × FM (and R × F) cell;</li>
 *   <li>{@code GET /segments/movements?from=&to=&since=&page=&size=} and {@code GET /segments/movements/summary?since=}
 *       (ADMIN, MARKETER): changes of RFM segment, e.g. {@code from=loyal&to=at-risk}; {@code since} is a date
 *       (start of that day in the shop's zone) or an ISO date-time, 30 days back by default;</li>
 *   <li>{@code GET /customers/{id}/segments} (every console role): one customer's scores, segments and history;</li>
 *   <li>{@code GET /ltv/model} and {@code GET /ltv/deciles} (every console role): the fitted model with its history,
 *       and the predicted-value deciles;</li>
 *   <li>{@code GET /ltv/forecast} (every console role): the sales forecast for the next 4, 13 and 52 weeks and its
 *       back-test week by week.</li>
 * </ul>
 */
final class SegmentApi {
    private static final Duration DEFAULT_SINCE = Duration.ofDays(30);

    private SegmentApi() {
    }

    static void register(ApiRoutes api, SegmentQueries queries, RfmDefinitions definitions, Clock clock, ZoneId zone) {
        Access everyone = Access.admin();
        Access marketing = Access.admin(Role.ADMIN, Role.MARKETER);

        api.doc("The sizes of every RFM, behavioural and LTV segment").returns(SegmentQueries.Sizes.class)
                .get("/segments", everyone, r -> queries.sizes());
        api.doc("A segment's members, a page at a time").returns(SegmentQueries.MemberPage.class)
                .get("/segments/{key}/members", marketing, r -> queries.members(r.path("key"),
                r.queryInt("page", 1, 1, Integer.MAX_VALUE), r.queryInt("size", 50, 1, 500), after(r)));
        api.doc("A segment's members as CSV").produces("text/csv")
                .get("/segments/{key}/members.csv", marketing, r -> ApiResponse.csv(
                fileName(r.path("key")), queries.membersCsv(r.path("key"))));
        api.doc("The RFM segment map").returns(RfmDefinitions.Definitions.class)
                .get("/segments/rfm/definitions", marketing, r -> definitions.current());
        api.doc("Replaces the RFM segment map (members are reassigned)").body(RfmDefinitions.Definitions.class).returns(RfmDefinitions.Replaced.class)
                .put("/segments/rfm/definitions", marketing, r ->
                definitions.replace(r.body(RfmDefinitions.Definitions.class), r.actor()));
        api.doc("The RFM grid with the segment of each cell").returns(SegmentQueries.RfmGrid.class)
                .get("/segments/rfm/grid", everyone, r -> queries.rfmGrid());
        api.doc("Members who moved between two RFM segments").returns(SegmentQueries.Movements.class)
                .get("/segments/movements", marketing, r -> queries.movements(r.query("from").orElse(null),
                r.query("to").orElse(null), since(r, clock, zone), r.queryInt("page", 1, 1, Integer.MAX_VALUE),
                r.queryInt("size", 50, 1, 500)));
        api.doc("How many members moved between RFM segments since a day")
                .get("/segments/movements/summary", marketing, r -> {
            Instant since = since(r, clock, zone);
            return Map.of("since", since, "movements", queries.movementCounts(since));
        });
        api.doc("A customer's RFM scores, segments and predicted value").returns(SegmentQueries.CustomerSegments.class)
                .get("/customers/{id}/segments", everyone, r -> queries.customer(r.path("id"))
                .orElseThrow(() -> new NotFound("no customer " + r.path("id"))));
        api.doc("The LTV model in use and the previous fits").returns(SegmentQueries.LtvModel.class)
                .get("/ltv/model", everyone, r -> queries.ltvModel(r.queryInt("history", 20, 1, 200)));
        api.doc("Predicted value by decile of customers").returns(SegmentQueries.LtvDeciles.class)
                .get("/ltv/deciles", everyone, r -> queries.ltvDeciles());
        api.doc("Expected orders and revenue for the next 4, 13 and 52 weeks, with the back-test")
                .get("/ltv/forecast", everyone, r -> queries.salesForecast());
    }

    private static Long after(ApiRequest r) {
        return r.query("after").map(v -> {
            try {
                long after = Long.parseLong(v);
                if (after < 0) {
                    throw new InvalidInput("after", "not-negative");
                }
                return after;
            } catch (NumberFormatException e) {
                throw new InvalidInput("after", "segment.member-id");
            }
        }).orElse(null);
    }

    /** {@code ?since=}: a date (the start of that day in the shop's zone) or an ISO instant / offset date-time. */
    static Instant since(ApiRequest r, Clock clock, ZoneId zone) {
        return r.query("since").map(v -> parseSince(v, zone)).orElseGet(() -> clock.instant().minus(DEFAULT_SINCE));
    }

    static Instant parseSince(String v, ZoneId zone) {
        String s = v.strip();
        try {
            return LocalDate.parse(s).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return Instant.parse(s);
                } catch (DateTimeParseException e) {
                    throw new InvalidInput("since", "segment.since-format");
                }
            }
        }
    }

    /** A download name from a key: {@code rfm:at-risk} becomes {@code segment-rfm-at-risk.csv}. */
    static String fileName(String key) {
        return "segment-" + key.replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("-+$", "") + ".csv";
    }
}
