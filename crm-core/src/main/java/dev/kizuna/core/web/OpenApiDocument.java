package dev.kizuna.core.web;

import dev.kizuna.core.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OpenAPI 3.1 document of {@code /crm/api}, built from the route table {@link ApiServlet} dispatches on, so it
 * lists exactly the routes a request can reach: each with its summary, who may call it ({@code x-kizuna-access}), its
 * path parameters, its request and answer schemas ({@link JsonSchemas} of the types its {@link RouteDoc} names) and
 * the problem body every refusal has. Served at {@code GET /crm/api/openapi.json}.
 */
public final class OpenApiDocument {
    public static final String VERSION = "3.1.0";
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)(\\.\\.\\.)?}");

    private final Map<String, Object> document;

    private OpenApiDocument(Map<String, Object> document) {
        this.document = document;
    }

    public static OpenApiDocument of(ApiRoutes routes) {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        for (ApiRoutes.Route r : routes.all()) {
            paths.computeIfAbsent(path(r.pattern()), p -> new LinkedHashMap<>())
                    .put(r.method().toLowerCase(java.util.Locale.ROOT), operation(r));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", "Kizuna API");
        info.put("version", "1");
        info.put("description", "The admin and shopper JSON API of Kizuna. Admins call with a console session (and its "
                + "CSRF token for changes) or the operator's token; shoppers with the host's session. Refusals are "
                + "RFC 9457 problem bodies naming the field.");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("openapi", VERSION);
        d.put("info", info);
        d.put("servers", List.of(Map.of("url", "/crm/api")));
        d.put("paths", paths);
        return new OpenApiDocument(d);
    }

    /** The OpenAPI path of a route pattern: {@code /files/{rest...}} is {@code /files/{rest}}. */
    public static String path(String pattern) {
        return PARAM.matcher(pattern).replaceAll("{$1}");
    }

    /** The routes without a summary, as {@code METHOD pattern}: the contract test fails on any. */
    public static List<String> undescribed(ApiRoutes routes) {
        return routes.all().stream().filter(r -> r.doc() == null || r.doc().summary() == null || r.doc().summary().isBlank())
                .map(r -> r.method() + " " + r.pattern()).toList();
    }

    public Map<String, Object> document() {
        return document;
    }

    public String json() {
        return Json.write(document);
    }

    private static Map<String, Object> operation(ApiRoutes.Route r) {
        RouteDoc doc = r.doc() == null ? RouteDoc.of(null) : r.doc();
        Map<String, Object> op = new LinkedHashMap<>();
        if (doc.summary() != null) {
            op.put("summary", doc.summary());
        }
        op.put("operationId", (r.method().toLowerCase(java.util.Locale.ROOT) + r.pattern()).replaceAll("[^A-Za-z0-9]+", "_"));
        op.put("x-kizuna-access", access(r.access()));
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = PARAM.matcher(r.pattern());
        while (m.find()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", m.group(1));
            p.put("in", "path");
            p.put("required", true);
            p.put("schema", Map.of("type", "string"));
            parameters.add(p);
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (doc.body() != null) {
            op.put("requestBody", Map.of("required", true, "content",
                    Map.of("application/json", Map.of("schema", JsonSchemas.of(doc.body())))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("description", doc.summary() == null ? "OK" : doc.summary());
        if (doc.status() != 204) {
            Map<String, Object> schema = doc.produces().equals("application/json")
                    ? (doc.response() == null ? Map.of() : JsonSchemas.of(doc.response()))
                    : Map.of("type", "string");
            ok.put("content", Map.of(doc.produces(), Map.of("schema", schema)));
        }
        responses.put(Integer.toString(doc.status()), ok);
        for (int other : doc.alsoAnswers()) {
            responses.put(Integer.toString(other), Map.of("description", "Accepted: the work goes on",
                    "content", Map.of("application/json", Map.of("schema", Map.of()))));
        }
        responses.put("default", Map.of("description", "A refusal (400 naming the field, 401, 403, 404, 409 with its "
                + "code, 429) or an error", "content", Map.of("application/problem+json",
                Map.of("schema", JsonSchemas.of(Problem.class)))));
        op.put("responses", responses);
        return op;
    }

    private static String access(Access a) {
        return switch (a.kind()) {
            case ANYONE -> "anyone";
            case SHOPPER -> "shopper";
            case ADMIN -> "admin: " + a.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        };
    }
}
