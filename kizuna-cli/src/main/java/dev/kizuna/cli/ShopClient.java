package dev.kizuna.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.json.Json;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demo shop's JSON API ({@code /shop/api}) and Kizuna's admin API ({@code /crm/api}, with the demo's
 * {@code --admin-token}) as the replay uses them. Thread-safe: one client, its connections shared by the workers.
 */
final class ShopClient {
    private static final Duration SHOP_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    /** A request the shop refused ({@code status} 4xx/5xx) or could not answer ({@code status} 0). */
    static final class ShopFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ShopFailure(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final URI base;
    private final String adminToken;
    private final HttpClient http;

    ShopClient(URI base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    URI base() {
        return base;
    }

    /** {@code /shop/api…}: the shop's own API, with the admin token it needs to place, deliver and move the clock. */
    JsonNode shop(String method, String path, Object body) {
        return send(method, path, body, true, SHOP_REQUEST_TIMEOUT);
    }

    /** {@code /crm/api…} as an admin of Kizuna. */
    JsonNode admin(String method, String path, Duration timeout) {
        return send(method, path, null, true, timeout);
    }

    /** {@code /crm/api…} as an admin of Kizuna, with a JSON body. */
    JsonNode admin(String method, String path, Object body, Duration timeout) {
        return send(method, path, body, true, timeout);
    }

    private JsonNode send(String method, String path, Object body, boolean admin, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        }
        if (admin) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ShopFailure(0, "no shop answers at " + base + " (is the demo shop running?)");
        } catch (IOException e) {
            throw new ShopFailure(0, method + " " + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShopFailure(0, method + " " + path + " interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ShopFailure(response.statusCode(), method + " " + path + " answered " + response.statusCode()
                    + problem(response.body()));
        }
        try {
            return Json.MAPPER.readTree(response.body().isBlank() ? "{}" : response.body());
        } catch (JsonProcessingException e) {
            throw new ShopFailure(response.statusCode(), method + " " + path + " answered something not JSON");
        }
    }

    /** The detail (and field) of a problem+json body, else the start of the body. */
    private static String problem(String body) {
        try {
            JsonNode problem = Json.MAPPER.readTree(body);
            String field = problem.path("field").asText("");
            String detail = problem.path("detail").asText(problem.path("title").asText(""));
            return detail.isEmpty() ? "" : ": " + (field.isEmpty() ? "" : field + ": ") + detail;
        } catch (JsonProcessingException e) {
            String text = body.strip();
            return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
    }
}
