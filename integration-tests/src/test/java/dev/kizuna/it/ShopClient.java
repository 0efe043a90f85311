package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON client for the demo shop's and Kizuna's HTTP APIs, as a user's script would use them. */
final class ShopClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String bearer;

    ShopClient(String base, String bearer) {
        this.base = base;
        this.bearer = bearer;
    }

    static ShopClient shop() {
        return new ShopClient(RunningShop.baseUrl(), null);
    }

    static ShopClient admin() {
        return new ShopClient(RunningShop.baseUrl(), RunningShop.ADMIN_TOKEN);
    }

    record Response(int status, String contentType, JsonNode json, String body) {
        JsonNode get(String field) {
            return json.get(field);
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response send(HttpRequest.Builder b) {
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
            String ct = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = ct.contains("json") && !r.body().isEmpty() ? JSON.readTree(r.body()) : null;
            return new Response(r.statusCode(), ct, json, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a customer and returns its id. */
    String customer(String email, String name, String birthDate) {
        String body = birthDate == null
                ? "{\"email\":\"%s\",\"name\":\"%s\"}".formatted(email, name)
                : "{\"email\":\"%s\",\"name\":\"%s\",\"birthDate\":\"%s\"}".formatted(email, name, birthDate);
        Response r = post("/shop/api/customers", body);
        if (r.status() != 201) {
            throw new IllegalStateException("customer not created: " + r.status() + " " + r.body());
        }
        return r.get("id").asText();
    }

    void setClock(String isoOffsetDateTime) {
        Response r = post("/shop/api/dev/clock", "{\"now\":\"" + isoOffsetDateTime + "\"}");
        if (r.status() != 200) {
            throw new IllegalStateException("clock not set: " + r.body());
        }
    }

    JsonNode runJob(String name) {
        Response r = post("/crm/api/jobs/" + name + "/run?wait=true", null);
        if (r.status() != 200) {
            throw new IllegalStateException("job " + name + " did not finish: " + r.status() + " " + r.body());
        }
        return r.json();
    }
}
