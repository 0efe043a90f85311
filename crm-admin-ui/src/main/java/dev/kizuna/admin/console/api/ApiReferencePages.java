package dev.kizuna.admin.console.api;

import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.console.PageRequest;
import dev.kizuna.core.console.PageResult;
import dev.kizuna.core.web.OpenApiDocument;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API reference, rendered on the server from the same OpenAPI document {@code /crm/api/openapi.json} serves:
 * every route with its method, path, who may call it, its summary and the types it reads and answers.
 */
public final class ApiReferencePages {

    /** One operation as the page lists it. */
    public record Operation(String method, String path, String summary, String access, String request, String response,
                            String status) {
    }

    public void register(ConsoleRoutes routes) {
        routes.get("/api-reference", ConsoleRoutes.CONFIGURE, this::reference);
    }

    @SuppressWarnings("unchecked")
    private PageResult reference(PageRequest r) {
        Map<String, Object> paths = (Map<String, Object>) OpenApiDocument.of(r.ctx().api()).document().get("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, o) -> {
            Map<String, Object> op = (Map<String, Object>) o;
            Map<String, Object> responses = (Map<String, Object>) op.get("responses");
            String status = responses.keySet().stream().filter(k -> !k.equals("default")).findFirst().orElse("");
            operations.add(new Operation(method.toUpperCase(java.util.Locale.ROOT), path, (String) op.get("summary"),
                    (String) op.get("x-kizuna-access"), title(op.get("requestBody")), title(responses.get(status)), status));
        }));
        operations.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
        Map<String, Object> model = new HashMap<>();
        model.put("operations", operations);
        return PageResult.view("api-reference.ftlh", model);
    }

    /** The schema's type name (a record's simple name, "array of" one), or empty when the body is open. */
    @SuppressWarnings("unchecked")
    private static String title(Object part) {
        if (!(part instanceof Map<?, ?> m) || !(m.get("content") instanceof Map<?, ?> content) || content.isEmpty()) {
            return "";
        }
        Map<String, Object> media = (Map<String, Object>) content.values().iterator().next();
        Map<String, Object> schema = (Map<String, Object>) media.get("schema");
        if (schema == null) {
            return "";
        }
        if (schema.get("items") instanceof Map<?, ?> items && items.get("title") != null) {
            return items.get("title") + "[]";
        }
        return schema.get("title") == null ? (content.containsKey("application/json") ? "" : String.join(", ",
                ((Map<String, Object>) content).keySet())) : schema.get("title").toString();
    }
}
