package dev.kizuna.core.web;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * What the OpenAPI document says of a route, declared beside it: a one-line summary (required: a route without one
 * fails the contract test), the request body's and the answer's Java types, from which {@link JsonSchemas} derives
 * the schemas, the success status (and other 2xx ones it may give, e.g. 202 for work that goes on), and the content type of an
 * answer that is not JSON (CSV, HTML).
 */
public record RouteDoc(String summary, Type body, Type response, int status, String produces, List<Integer> alsoAnswers) {

    public static RouteDoc of(String summary) {
        return new RouteDoc(summary, null, null, 200, "application/json", List.of());
    }

    public RouteDoc body(Type type) {
        return new RouteDoc(summary, type, response, status, produces, alsoAnswers);
    }

    public RouteDoc returns(Type type) {
        return new RouteDoc(summary, body, type, status, produces, alsoAnswers);
    }

    /** An answer that is a JSON array of {@code element}. */
    public RouteDoc returnsListOf(Class<?> element) {
        return returns(JsonSchemas.listOf(element));
    }

    public RouteDoc status(int code) {
        return new RouteDoc(summary, body, response, code, produces, alsoAnswers);
    }

    public RouteDoc produces(String contentType) {
        return new RouteDoc(summary, body, response, status, contentType, alsoAnswers);
    }

    /** Another success status the route may answer, with a JSON body the document leaves open. */
    public RouteDoc alsoAnswers(int code) {
        List<Integer> more = new ArrayList<>(alsoAnswers);
        more.add(code);
        return new RouteDoc(summary, body, response, status, produces, List.copyOf(more));
    }
}
