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

        api.get("/segments", everyone, r -> queries.sizes());
        api.get("/segments/{key}/members", marketing, r -> queries.members(r.path("key"),
                r.queryInt("page", 1, 1, Integer.MAX_VALUE), r.queryInt("size", 50, 1, 500), after(r)));
        api.get("/segments/{key}/members.csv", marketing, r -> ApiResponse.csv(
                fileName(r.path("key")), queries.membersCsv(r.path("key"))));
        api.get("/segments/rfm/definitions", marketing, r -> definitions.current());
        api.put("/segments/rfm/definitions", marketing, r ->
                definitions.replace(r.body(RfmDefinitions.Definitions.class), r.actor()));
        api.get("/segments/rfm/grid", everyone, r -> queries.rfmGrid());
        api.get("/segments/movements", marketing, r -> queries.movements(r.query("from").orElse(null),
                r.query("to").orElse(null), since(r, clock, zone), r.queryInt("page", 1, 1, Integer.MAX_VALUE),
                r.queryInt("size", 50, 1, 500)));
        api.get("/segments/movements/summary", marketing, r -> {
            Instant since = since(r, clock, zone);
            return Map.of("since", since, "movements", queries.movementCounts(since));
        });
        api.get("/customers/{id}/segments", everyone, r -> queries.customer(r.path("id"))
                .orElseThrow(() -> new NotFound("no customer " + r.path("id"))));
        api.get("/ltv/model", everyone, r -> queries.ltvModel(r.queryInt("history", 20, 1, 200)));
        api.get("/ltv/deciles", everyone, r -> queries.ltvDeciles());
        api.get("/ltv/forecast", everyone, r -> queries.salesForecast());
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
