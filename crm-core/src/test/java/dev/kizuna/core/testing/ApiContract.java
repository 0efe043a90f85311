package dev.kizuna.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.OpenApiDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds every exchange an {@link ApiClient} makes to the runtime's OpenAPI document: an accepted request's body
 * against its operation's request schema, a success answer against the schema of its status (a status the document
 * does not list fails too), a refusal against the problem schema. So a test that passes also proves the contract
 * says what the API does. Validation is a JSON Schema 2020-12 validator's, on the schemas taken from the document.
 */
public final class ApiContract {
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private final ApiRoutes routes;
    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private ApiContract(ApiRoutes routes) {
        this.routes = routes;
        this.document = Json.MAPPER.valueToTree(OpenApiDocument.of(routes).document());
    }

    public static ApiContract of(KizunaRuntime kizuna) {
        return new ApiContract(kizuna.context().api());
    }

    /** Fails with every difference between the exchange and the document. */
    public void check(String method, String pathAndQuery, String requestBody, ApiClient.Reply reply) {
        String path = pathAndQuery.split("\\?", 2)[0];
        String what = method + " " + path + " → " + reply.status();
        String type = reply.headers().getOrDefault("content-type", "");
        Optional<ApiRoutes.Match> match = routes.match(method, path, new ArrayList<>());
        if (match.isEmpty() || reply.status() >= 400) {
            if (type.contains("json")) {
                validate(what + " (problem)", "#/problem", problemSchema(), reply.text());
            }
            return;
        }
        String pointerPath = OpenApiDocument.path(match.get().route().pattern());
        JsonNode op = document.path("paths").path(pointerPath).path(method.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            throw new AssertionError(what + ": the document has no operation " + method + " " + pointerPath);
        }
        boolean success = reply.status() >= 200 && reply.status() < 300;
        JsonNode requestSchema = op.path("requestBody").path("content").path("application/json").path("schema");
        if (success && requestBody != null && !requestBody.isBlank() && !requestSchema.isMissingNode()) {
            validate(what + " (request)", pointerPath + " " + method + " request", requestSchema, requestBody);
        }
        JsonNode response = op.path("responses").path(Integer.toString(reply.status()));
        if (response.isMissingNode()) {
            if (success) {
                throw new AssertionError(what + ": the document does not list status " + reply.status() + " for "
                        + method + " " + pointerPath + " (it lists " + names(op.path("responses")) + ")");
            }
            return;
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || reply.text().isEmpty()) {
            return;
        }
        if (type.contains("json")) {
            JsonNode schema = content.path("application/json").path("schema");
            if (schema.isMissingNode()) {
                throw new AssertionError(what + ": answered JSON where the document says " + names(content));
            }
            validate(what, pointerPath + " " + method + " " + reply.status(), schema, reply.text());
        } else if (names(content).stream().noneMatch(type::startsWith)) {
            throw new AssertionError(what + ": answered " + type + " where the document says " + names(content));
        }
    }

    private JsonNode problemSchema() {
        JsonNode any = document.path("paths").path("/openapi.json").path("get").path("responses").path("default");
        return any.path("content").path("application/problem+json").path("schema");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void validate(String what, String key, JsonNode schema, String json) {
        Schema compiled = schemas.computeIfAbsent(key, k -> {
            ObjectNode s = schema.deepCopy();
            s.put("$schema", DIALECT);
            return registry.getSchema(Json.write(s), InputFormat.JSON);
        });
        List<Error> errors = compiled.validate(json, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError(what + " breaks the OpenAPI contract: " + errors.stream().map(Error::toString).toList()
                    + "\n  body: " + (json.length() > 600 ? json.substring(0, 600) + "…" : json));
        }
    }
}
