package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Role;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile JSON against every API route of a fully installed Kizuna (every module on this classpath), as
 * every kind of caller: control characters and NUL, huge strings, numbers beyond a long, nulls in lists, wrong
 * types, deep nesting, absurd dates, in the body, the query and the path. Never a 5xx; every 4xx is problem+json and
 * a 400 names its field; and a refused request writes nothing (a checksum of every table of schema kizuna but the
 * counters of refusals themselves).
 */
class HostileApiPropertyTest {
    /** Tables that record refusals on purpose: guessing and sign-in back-off. */
    static final Set<String> REFUSAL_LOGS = Set.of("coupon_guess_throttle", "console_login_throttle",
            "console_login_attempt");
    static final List<String> FIELDS = List.of("points", "reason", "code", "cart", "lines", "sku", "category",
            "quantity", "unitPrice", "currency", "shipping", "name", "ja", "en", "discount", "type", "value",
            "validFrom", "validTo", "status", "count", "assignTo", "now", "email", "answers", "values", "key", "skips",
            "context", "title", "questions", "rate", "days", "segments", "minimumOrder", "totalLimit",
            "perCustomerLimit", "role", "username", "password", "displayName", "locale", "kind", "label", "options",
            "ranks", "rules", "from", "to", "startsAt", "endsAt", "multiplier", "percent", "orderId", "customerId",
            "placedAt", "birthDate", "definitions", "cells", "text", "reward", "cooldownDays", "placement");

    static KizunaRuntime kizuna;
    static ApiClient api;
    static List<ApiRoutes.Route> routes;
    static String checksumSql;
    static long campaignId;

    @BeforeContainer
    static void install() {
        kizuna = TestKizuna.install(new FakeHost(), Map.of());
        api = new ApiClient(kizuna).sendingOffContractBodies();
        kizuna.publisher().publish(new CustomerRegistered("ev-prop-1", Instant.parse("2026-03-01T00:00:00Z"),
                "C-prop", "prop@example.jp", "Prop Erty", LocalDate.of(1990, 4, 12), "ja", Map.of("email", true)));
        routes = kizuna.context().api().all();
        Reply campaign = api.call(new ApiClient.Token(), "POST", "/campaigns", CAMPAIGN.replace("SPRING27", "SPRING26"));
        assertThat(campaign.status()).as(campaign.text()).isEqualTo(201);
        campaignId = campaign.json().get("id").asLong();
        List<String> tables = kizuna.context().database().inTransaction(tx -> tx.sql().list("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'kizuna' AND table_type = 'BASE TABLE' ORDER BY table_name""",
                rs -> rs.getString(1)));
        checksumSql = tables.stream().filter(t -> !REFUSAL_LOGS.contains(t))
                .map(t -> "SELECT '" + t + "' AS t, count(*) AS n, coalesce(sum(hashtext(x::text)::bigint), 0) AS h "
                        + "FROM kizuna." + t + " x")
                .collect(Collectors.joining(" UNION ALL ", "SELECT string_agg(t || ':' || n || ':' || h, ',' ORDER BY t) FROM (", ") s"));
    }

    @AfterContainer
    static void close() {
        api.close();
        kizuna.close();
    }

    static String checksum() {
        return kizuna.context().database().inTransaction(tx -> tx.sql().one(checksumSql, rs -> rs.getString(1)).orElse(""));
    }

    /** One generated call: a route, a caller, what fills the path's parameters, a query and a body. */
    record Request(ApiRoutes.Route route, ApiClient.As caller, String pathValue, String query, String body) {
        @Override
        public String toString() {
            return route.method() + " " + route.pattern() + " [" + abbreviated(pathValue) + "] " + abbreviated(query)
                    + " as " + caller + " with " + abbreviated(body);
        }
    }

    @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void no_hostile_request_gets_a_5xx_and_a_refused_one_writes_nothing(@ForAll("requests") Request q) {
        String path = q.route().pattern().replaceAll("\\{[a-zA-Z]+(\\.\\.\\.)?}", q.pathValue());
        boolean change = !q.route().method().equals("GET");
        String before = checksum();
        String what = q.toString();
        Reply r;
        try {
            r = api.call(q.caller(), q.route().method(), path + q.query(), change ? q.body() : null);
        } catch (IllegalStateException e) {
            // refused before its body was read (no access, say), Jetty answers and closes the connection while a big
            // body is still being sent: the client sees the closed connection instead of the answer
            assertThat(e).as(what).hasRootCauseInstanceOf(java.io.IOException.class);
            assertThat(checksum()).as("a refused request wrote nothing: " + what).isEqualTo(before);
            Statistics.collect("closed", TEMPLATES.containsKey(q.route().method() + " " + q.route().pattern()));
            return;
        }
        Statistics.collect(r.status() / 100 + "xx", TEMPLATES.containsKey(q.route().method() + " " + q.route().pattern()));
        assertThat(r.status()).as(what + "\n" + abbreviated(r.text())).isLessThan(500);
        if (r.status() >= 400) {
            boolean problem = r.headers().getOrDefault("content-type", "").startsWith("application/problem+json");
            // Jetty refuses an encoded control character or separator in a path, or a URI too long, before Kizuna
            // sees it (Kizuna's servlet marks every answer nosniff)
            boolean refusedByContainer = !r.headers().containsKey("x-content-type-options");
            assertThat(problem || refusedByContainer).as(what + "\n" + abbreviated(r.text())).isTrue();
            if (r.status() == 400 && problem) {
                assertThat(r.json().path("field").asText()).as(what + "\n" + r.text()).isNotBlank();
            }
            assertThat(checksum()).as("a refused request wrote nothing: " + what + "\n" + r.text()).isEqualTo(before);
        }
    }

    static final String CAMPAIGN = "{\"name\":{\"ja\":\"春\",\"en\":\"Spring\"},\"discount\":{\"type\":\"FIXED\",\"value\":300},"
            + "\"currency\":\"JPY\",\"code\":\"SPRING27\",\"minimumOrder\":1000,\"totalLimit\":10,"
            + "\"validFrom\":\"2026-04-01T00:00:00+09:00\",\"validTo\":\"2026-05-01T00:00:00+09:00\"}";

    /**
     * Valid bodies of the routes that write the most, which the generator spoils at one place (a hostile value, a null
     * in a list), so the hostile value reaches the route's own code rather than the first missing field.
     */
    static final Map<String, String> TEMPLATES = Map.of(
            "POST /customers/{id}/points/adjustments", "{\"points\":5,\"reason\":\"goodwill\"}",
            "POST /me/coupons/quote", "{\"code\":\"SPRING26\",\"cart\":{\"currency\":\"JPY\",\"lines\":[{\"sku\":\"A\","
                    + "\"category\":\"tea\",\"quantity\":1,\"unitPrice\":5000},{\"sku\":\"B\",\"category\":\"tea\","
                    + "\"quantity\":2,\"unitPrice\":700}],\"shipping\":0}}",
            "POST /campaigns", CAMPAIGN,
            "PUT /campaigns/{id}", CAMPAIGN,
            "POST /campaigns/{id}/codes", "{\"assignTo\":[\"C-prop\",\"C-prop-2\"]}",
            "PUT /dev/clock", "{\"now\":\"2026-06-01T00:00:00Z\"}",
            "POST /console/users", "{\"username\":\"newuser\",\"displayName\":\"N\",\"password\":\"correct-horse-battery-2\","
                    + "\"role\":\"MARKETER\",\"locale\":\"en\"}",
            "POST /me/profile/questions", "{\"context\":\"checkout\",\"answers\":[{\"key\":\"favourite\",\"values\":[\"tea\"]}],"
                    + "\"skips\":[\"other\"]}",
            "POST /ranks", "{\"code\":\"BRONZE\",\"level\":1,\"name\":{\"ja\":\"ブロンズ\",\"en\":\"Bronze\"},"
                    + "\"thresholds\":{\"points\":100,\"orders\":1,\"spend\":1000},\"benefits\":{\"pointMultiplierPercent\":100}}");
    @Provide
    Arbitrary<Request> requests() {
        // every route, the templated ones (those that write the most) five times as often
        List<net.jqwik.api.Tuple.Tuple2<Integer, ApiRoutes.Route>> weighted = routes.stream()
                .map(r -> net.jqwik.api.Tuple.of(TEMPLATES.containsKey(r.method() + " " + r.pattern()) ? 5 : 1, r))
                .toList();
        return Arbitraries.frequency(weighted).flatMap(route -> {
            Arbitrary<Request> any = Combinators.combine(callers(), pathValues(), queries(), bodiesFor(route))
                    .as((c, p, q, b) -> new Request(route, c, p, q, b));
            if (!TEMPLATES.containsKey(route.method() + " " + route.pattern())) {
                return any;
            }
            // a templated route mostly as the caller it is for, on the customer or campaign that exists
            ApiClient.As rightful = switch (route.access().kind()) {
                case ADMIN -> new ApiClient.Token();
                case SHOPPER -> new ApiClient.Shopper("C-prop", "192.0.2.1", "ja");
                case ANYONE -> new ApiClient.Nobody();
            };
            String existing = route.pattern().startsWith("/customers/") ? "C-prop" : String.valueOf(campaignId);
            Arbitrary<Request> aimed = bodiesFor(route).map(b -> new Request(route, rightful, existing, "", b));
            return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, aimed), net.jqwik.api.Tuple.of(1, any));
        });
    }

    Arbitrary<String> bodiesFor(ApiRoutes.Route route) {
        String template = TEMPLATES.get(route.method() + " " + route.pattern());
        if (template == null) {
            return bodies();
        }
        JsonNode tree = readTree(template);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Combinators.combine(Arbitraries.integers().between(0, 10_000), hostileLeaves(),
                        Arbitraries.of(true, false)).as((at, leaf, nullInList) -> Json.write(spoiled(tree, at, leaf, nullInList)))),
                net.jqwik.api.Tuple.of(1, bodies()));
    }

    static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The template with its {@code at}-th value (counted depth first, modulo their number) replaced. */
    static JsonNode spoiled(JsonNode template, int at, JsonNode leaf, boolean nullInList) {
        JsonNode copy = template.deepCopy();
        List<Runnable> places = new java.util.ArrayList<>();
        collect(copy, leaf, nullInList, places);
        places.get(at % places.size()).run();
        return copy;
    }

    private static void collect(JsonNode node, JsonNode leaf, boolean nullInList, List<Runnable> places) {
        if (node instanceof ObjectNode o) {
            List<String> names = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                places.add(() -> o.set(name, leaf));
                collect(o.get(name), leaf, nullInList, places);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                int index = i;
                places.add(() -> a.set(index, nullInList ? JsonNodeFactory.instance.nullNode() : leaf));
                collect(a.get(i), leaf, nullInList, places);
            }
        }
    }

    static String abbreviated(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + " chars)" : s;
    }

    Arbitrary<ApiClient.As> callers() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(new ApiClient.Token())),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new ApiClient.Shopper("C-prop", "192.0.2.1", "ja"))),
                net.jqwik.api.Tuple.of(3, otherCallers()));
    }

    Arbitrary<ApiClient.As> otherCallers() {
        return Arbitraries.of(new ApiClient.Token(), new ApiClient.Console(Role.ADMIN), new ApiClient.Console(Role.MARKETER),
                new ApiClient.Console(Role.SUPPORT), new ApiClient.Shopper("C-prop", "192.0.2.1", "ja"),
                new ApiClient.Shopper("C-nobody-" + "x".repeat(300), "192.0.2.2", "en"), new ApiClient.Nobody());
    }

    /** Path values; never a real job's name, whose run-now would start the job rather than refuse anything. */
    Arbitrary<String> pathValues() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.of("1", "C-prop")),
                net.jqwik.api.Tuple.of(2, hostilePathValues()));
    }

    Arbitrary<String> hostilePathValues() {
        return Arbitraries.of("SILVER", "-1", "0", "99999999999999999999",
                "%01", "a%0Ab", "%E2%80%AE", "..%2F..", "x".repeat(300), "%C3%28", "C-prop%1F");
    }

    Arbitrary<String> queries() {
        Arbitrary<String> values = Arbitraries.of("-1", "0", "99999999999999999999", "2147483648", "abc", "%00", "%1B",
                "true", "", "x".repeat(400), "%2B294277-01-01", "rfm:%00");
        Arbitrary<String> names = Arbitraries.of("limit", "offset", "status", "q", "lang", "wait", "timeoutSeconds",
                "from", "to", "segment", "month", "year", "days");
        return Combinators.combine(names, values).as((n, v) -> n + "=" + v).list().ofMaxSize(3)
                .map(l -> l.isEmpty() ? "" : "?" + String.join("&", l));
    }

    Arbitrary<String> bodies() {
        Arbitrary<String> deep = Arbitraries.integers().between(65, 3000).map(n -> "{\"x\":" + "[".repeat(n) + "]".repeat(n) + "}");
        Arbitrary<String> broken = Arbitraries.of("", "null", "[]", "\"text\"", "{", "{\"a\":1,}", "{\"\u0000\":1}",
                "{\"points\":1e999}", "[null]", "{\"lines\":[null]}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, objects(3).map(Json::write)),
                net.jqwik.api.Tuple.of(1, deep),
                net.jqwik.api.Tuple.of(1, broken));
    }

    static Arbitrary<JsonNode> objects(int depth) {
        Arbitrary<JsonNode> value = depth <= 0 ? leaves() : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, leaves()),
                net.jqwik.api.Tuple.of(2, Arbitraries.lazy(() -> objects(depth - 1))),
                net.jqwik.api.Tuple.of(2, Arbitraries.lazy(() -> lists(depth - 1))));
        return Combinators.combine(Arbitraries.of(FIELDS), value).as(Map::entry).list().ofMaxSize(6).map(entries -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            entries.forEach(e -> o.set(e.getKey(), e.getValue()));
            return o;
        });
    }

    static Arbitrary<JsonNode> lists(int depth) {
        Arbitrary<JsonNode> element = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, leaves()),
                net.jqwik.api.Tuple.of(3, Arbitraries.lazy(() -> objects(Math.max(0, depth)))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(JsonNodeFactory.instance.nullNode())));
        return element.list().ofMaxSize(4).map(items -> {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            items.forEach(a::add);
            return a;
        });
    }

    /** The values that broke routes before: NUL and control characters, overflowing numbers, absurd dates. */
    static Arbitrary<JsonNode> hostileLeaves() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of("\u0000", "a\u0000b", "\u001b[2J", "\u007f", "\u0085", "x".repeat(70_000),
                        "+294277-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "1899-12-31T23:59:59Z").map(f::textNode)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 4611686018427387929L,
                        (long) Integer.MAX_VALUE + 1).map(f::numberNode)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(new BigInteger("18446744073709551616")).map(f::numberNode)),
                net.jqwik.api.Tuple.of(2, leaves()));
    }

    static Arbitrary<JsonNode> leaves() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> strings = Arbitraries.of("", " ", "\u0000", "a\u0000b", "\u001b[2J", "\u007f", "\u0085",
                "line\nbreak", "\t", "\uD800", "‮evil", "x".repeat(70_000), "a@" + ".".repeat(65_536) + " ",
                "<script>alert(1)</script>", "'; DROP TABLE member; --", "JPY", "GOLD", "C-prop",
                "+294277-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "2026-02-30", "2026-13-01T00:00:00Z",
                "9999-12-31", "0000-01-01", "1899-12-31", "2201-01-01T00:00:00+09:00", "2026-04-01T00:00:00+09:00",
                "P99999999999D", "NaN", "-Infinity").map(f::textNode);
        Arbitrary<JsonNode> numbers = Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L,
                4611686018427387929L, (long) Integer.MAX_VALUE + 1, -100_000_001L).map(f::numberNode);
        Arbitrary<JsonNode> big = Arbitraries.of(new BigInteger("18446744073709551616"),
                new BigInteger("-9223372036854775809"), BigInteger.TEN.pow(99)).map(f::numberNode);
        Arbitrary<JsonNode> doubles = Arbitraries.of(1.5, -0.0, 1e308, -1e308, 4.9e-324).map(f::numberNode);
        Arbitrary<JsonNode> other = Arbitraries.of(f.booleanNode(true), f.booleanNode(false), f.nullNode(),
                f.objectNode(), f.arrayNode());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, strings),
                net.jqwik.api.Tuple.of(3, numbers),
                net.jqwik.api.Tuple.of(1, big),
                net.jqwik.api.Tuple.of(1, doubles),
                net.jqwik.api.Tuple.of(1, other));
    }
}
