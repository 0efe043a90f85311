package dev.kizuna.core.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.text.InputDates;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** One API call as a handler sees it: path parameters, query, JSON body, the caller and the language. */
public final class ApiRequest {
    private static final int MAX_BODY = 1024 * 1024;

    private final HttpServletRequest http;
    private final Map<String, String> params;
    private final Caller caller;
    private String body;
    private JsonNode tree;

    public ApiRequest(HttpServletRequest http, Map<String, String> params, Caller caller) {
        this.http = http;
        this.params = params;
        this.caller = caller;
    }

    /** The web app's context path, for links the answer carries (a survey preview, the profile widget). */
    public String contextPath() {
        return http().getContextPath();
    }

    public HttpServletRequest http() {
        return http;
    }

    public Caller caller() {
        return caller;
    }

    /** The signed-in shopper's host customer id (routes with {@link Access#shopper()} always have one). */
    public String shopper() {
        if (caller instanceof Caller.Shopper s) {
            return s.customerRef();
        }
        throw new IllegalStateException("not a shopper route");
    }

    /** The console user's name, for audit entries. */
    public String actor() {
        return caller instanceof Caller.Admin a ? a.username() : caller instanceof Caller.Shopper s ? "shopper:" + s.customerRef() : "anonymous";
    }

    public String path(String name) {
        return HostileInput.text(name, PathTemplate.parameter(params, name));
    }

    public long pathLong(String name) {
        return PathTemplate.idParameter(params, name);
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(http.getParameter(name)).map(s -> HostileInput.text(name, s)).filter(s -> !s.isBlank());
    }

    public int queryInt(String name, int fallback, int min, int max) {
        Optional<String> v = query(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                throw new InvalidInput(name, "out-of-range", min, max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, "whole-number");
        }
    }

    public boolean queryFlag(String name) {
        return query(name).map(Boolean::parseBoolean).orElse(false);
    }

    /** {@code ?lang=} first, then Accept-Language; Japanese unless English is asked for. */
    public Locale locale() {
        String lang = query("lang").orElseGet(() -> {
            String h = http.getHeader("Accept-Language");
            return h == null ? "ja" : h;
        });
        return lang.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.JAPANESE;
    }

    public String clientAddress() {
        return http.getRemoteAddr();
    }

    /**
     * The body as {@code type}; malformed JSON or a wrongly typed field is an {@link InvalidInput} naming it. Before
     * the body meets its record, every string and name in it is checked for control characters, every list for
     * nulls and every number for the range of a {@code long} ({@link HostileInput}), once for every route.
     */
    public <T> T body(Class<T> type) {
        JsonNode tree = bodyTree();
        try {
            T value = Json.INPUT.treeToValue(tree, type);
            if (value == null) {
                throw new InvalidInput("body", "json-object-required");
            }
            return value;
        } catch (JsonMappingException e) {
            throw problem(e);
        } catch (StreamReadException e) {
            throw new InvalidInput(e.getProcessor() != null ? fieldPath(e.getProcessor().getParsingContext()) : "body",
                    "number-out-of-range");
        } catch (JsonProcessingException e) {
            throw new InvalidInput("body", "json-invalid", e.getOriginalMessage());
        }
    }

    /** The body as a JSON tree, checked as {@link #body(Class)} checks it. */
    public JsonNode bodyTree() {
        if (tree == null) {
            String raw = rawBody();
            if (raw.isBlank()) {
                throw new InvalidInput("body", "json-body-required");
            }
            JsonNode parsed;
            try {
                parsed = Json.INPUT.readTree(raw);
            } catch (StreamConstraintsException e) {
                throw String.valueOf(e.getMessage()).contains("nesting depth")
                        ? new InvalidInput("body", "json-too-deep", Json.MAX_DEPTH)
                        : new InvalidInput("body", "number-out-of-range");
            } catch (JsonProcessingException e) {
                throw new InvalidInput("body", "json-invalid", e.getOriginalMessage());
            }
            if (parsed == null || parsed.isMissingNode() || parsed.isNull()) {
                throw new InvalidInput("body", "json-object-required");
            }
            HostileInput.check(parsed);
            tree = parsed;
        }
        return tree;
    }

    private String rawBody() {
        if (body == null) {
            try {
                byte[] bytes = http.getInputStream().readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    throw new InvalidInput("body", "body-too-large", MAX_BODY);
                }
                body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidInput("body", "body-unreadable");
            }
        }
        return body;
    }

    /** The JSON path of where a parser stands, e.g. {@code lines[0].quantity}. */
    static String fieldPath(JsonStreamContext context) {
        StringBuilder b = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                b.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                b.insert(0, "." + c.getCurrentName());
            }
        }
        String path = b.toString();
        return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
    }

    static String fieldPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
    }

    /** A body that does not fit its record, explained for the field it names. */
    static InvalidInput problem(JsonMappingException e) {
        String field = fieldPath(e);
        if (e.getClass().getSimpleName().equals("DateOutOfRange")) {
            return new InvalidInput(field, "year-out-of-range", InputDates.MIN_YEAR_TEXT, InputDates.MAX_YEAR_TEXT);
        }
        String m = e.getOriginalMessage();
        if (m.contains("Floating-point value") || m.contains("Cannot coerce Floating-point")) {
            return new InvalidInput(field, "whole-number");
        }
        if (m.contains("Missing required creator property") || m.contains("null value")
                || m.contains("Cannot map `null` into type")) {
            return new InvalidInput(field, "required");
        }
        int cut = m.indexOf('\n');
        return new InvalidInput(field, "json-mismatch", cut > 0 ? m.substring(0, cut) : m);
    }
}
