package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A tiny JSON client for the demo shop's and Kizuna's HTTP APIs, as a user's script would use them. */
final class ShopClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String base;
    private final String bearer;

    ShopClient(String base, String bearer) {
        this(base, bearer, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new java.net.CookieManager()).build());
    }

    /** On a client whose cookies are a signed-in browser's. */
    ShopClient(String base, String bearer, HttpClient http) {
        this.base = base;
        this.bearer = bearer;
        this.http = http;
    }

    /** Nobody signed in: the shop's API then creates customers and lists products, and nothing else. */
    static ShopClient shop() {
        return new ShopClient(RunningShop.baseUrl(), null);
    }

    /** A shopper signed in to the demo shop's pages (the session Kizuna's /crm/api/me/ endpoints read). */
    static ShopClient signedIn(String email) {
        ShopClient c = new ShopClient(RunningShop.baseUrl(), null);
        String page = c.get("/shop/signin").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_token\" value=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no form token on the sign-in page");
        }
        Response r = c.send(HttpRequest.newBuilder(URI.create(c.base + "/shop/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_token=" + m.group(1) + "&email="
                        + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8))));
        if (r.status() != 302 && r.status() != 303) {
            throw new IllegalStateException("sign-in failed: " + r.status() + " " + r.body());
        }
        return c;
    }

    /** The dev token: an admin of Kizuna's API and of the shop's (orders, customers, delivery). */
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

    Response postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
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

    /** A line of an order: sku, category, quantity, unit price in yen. */
    record Line(String sku, String category, int quantity, long unitPrice) {
        String json() {
            return "{\"sku\":\"%s\",\"category\":\"%s\",\"quantity\":%d,\"unitPrice\":%d}"
                    .formatted(sku, category, quantity, unitPrice);
        }
    }

    /** Places an order; {@code extra} adds JSON members such as {@code "pointsToRedeem":50}. */
    Response order(String customerId, List<Line> lines, String extra) {
        String body = "{\"customerId\":\"%s\",\"currency\":\"JPY\",\"lines\":[%s]%s}".formatted(customerId,
                lines.stream().map(Line::json).collect(java.util.stream.Collectors.joining(",")),
                extra == null || extra.isBlank() ? "" : "," + extra);
        return post("/shop/api/orders", body);
    }

    /** Places an order that must succeed and returns its id. */
    String placedOrder(String customerId, List<Line> lines, String extra) {
        Response r = order(customerId, lines, extra);
        if (r.status() != 201) {
            throw new IllegalStateException("order not placed: " + r.status() + " " + r.body());
        }
        return r.get("id").asText();
    }

    void orderAction(String orderId, String action, String json) {
        Response r = post("/shop/api/orders/" + orderId + "/" + action, json);
        if (r.status() / 100 != 2) {
            throw new IllegalStateException(action + " of order " + orderId + " failed: " + r.status() + " " + r.body());
        }
    }
}
