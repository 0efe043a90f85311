package dev.kizuna.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP client for servlet tests: keeps cookies, does not follow redirects, reads CSRF tokens from pages. */
public final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;
    private final Map<String, String> always;
    private String lastCsrf;

    WebClient(String baseUrl, Map<String, String> always) {
        this.baseUrl = baseUrl;
        this.always = Map.copyOf(always);
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public record Response(int status, String body, Map<String, String> headers) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }

        public String location() {
            return header("location").orElse("");
        }
    }

    public Response get(String path) {
        return get(path, Map.of());
    }

    public Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(b::header);
        return send(b);
    }

    /** A form POST as a browser sends it; no CSRF token is added. */
    public Response postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A form POST with the CSRF token of the last page this client saw. */
    public Response post(String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", csrf());
        return postForm(path, withToken);
    }

    public Response postJson(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return send(b);
    }

    public Response send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return send(b);
    }

    public Response login(String username, String password) {
        get("/crm/admin/login");
        Response r = post("/crm/admin/login", Map.of("username", username, "password", password));
        if (r.status() == 302) {
            // signing in rotates the session and its CSRF token; the next page seen carries the new one
            lastCsrf = null;
        }
        return r;
    }

    /** The CSRF token of the last page seen (loads the dashboard when no page had one yet). */
    public String csrf() {
        if (lastCsrf == null) {
            get("/crm/admin/");
        }
        if (lastCsrf == null) {
            throw new IllegalStateException("no page with a CSRF token seen");
        }
        return lastCsrf;
    }

    private Response send(HttpRequest.Builder b) {
        always.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(", ", v)));
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                lastCsrf = m.group(1);
            }
            return new Response(r.statusCode(), r.body(), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
