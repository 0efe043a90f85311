package dev.kizuna.demo;

import dev.kizuna.core.json.Json;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One demo shop per test JVM, started as the demo command starts it (dev mode, an admin token, the sample data) on
 * an embedded PostgreSQL the test can read directly, and called over HTTP as a script or a shopper would.
 */
final class TestShop {
    static final String TOKEN = "demo-test-token";
    private static TestShop shared;

    final DemoShop shop;
    final DataSource database;

    private TestShop(DemoShop shop, DataSource database) {
        this.shop = shop;
        this.database = database;
    }

    static synchronized TestShop get() {
        if (shared == null) {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(0).start();
                DemoShop shop = DemoShop.start("--port", "0", "--data-dir", Files.createTempDirectory("kizuna-demo-").toString(),
                        "--jdbc-url", pg.getJdbcUrl("postgres", "postgres"), "--dev", "--admin-token", TOKEN);
                shared = new TestShop(shop, pg.getPostgresDatabase());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    shop.close();
                    try {
                        pg.close();
                    } catch (IOException e) {
                        // a temporary database
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("the demo shop did not start", e);
            }
        }
        return shared;
    }

    /** An answer: status, content type, the body parsed when it is JSON (maps, lists, numbers), and as text. */
    record Reply(int status, String contentType, Object json, String body) {
        /** The value at a path of member names and list indexes, e.g. {@code at("lines", 0, "returned")}. */
        Object at(Object... path) {
            Object v = json;
            for (Object step : path) {
                v = v instanceof Map<?, ?> m ? m.get(step) : v instanceof List<?> l ? l.get((Integer) step) : null;
            }
            return v;
        }

        String text(Object... path) {
            Object v = at(path);
            return v == null ? null : v.toString();
        }

        long number(Object... path) {
            return ((Number) at(path)).longValue();
        }

        String field() {
            return text("field");
        }

        String detail() {
            return text("detail");
        }
    }

    /** A caller of the shop: with the dev token, signed in through the shop's pages, or nobody. */
    static final class Client {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new java.net.CookieManager()).build();
        private final String base;
        private final String bearer;
        private String lang = "en";

        Client(String bearer) {
            this.base = "http://127.0.0.1:" + TestShop.get().shop.port();
            this.bearer = bearer;
        }

        Client lang(String language) {
            lang = language;
            return this;
        }

        Reply get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        Reply post(String path, String json) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
        }

        Reply postForm(String path, String form) {
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        String base() {
            return base;
        }

        /** The raw answer, headers and all. */
        HttpResponse<String> sendRaw(HttpRequest.Builder b) {
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            b.header("Accept-Language", lang);
            try {
                return http.send(b.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        Reply send(HttpRequest.Builder b) {
            HttpResponse<String> r = sendRaw(b);
            String ct = r.headers().firstValue("Content-Type").orElse("");
            Object json = ct.contains("json") && !r.body().isEmpty() ? Json.read(r.body(), Object.class) : null;
            return new Reply(r.statusCode(), ct, json, r.body());
        }

        /** Registers a customer and returns its id. */
        String customer(String email) {
            Reply r = post("/shop/api/customers", "{\"email\":\"" + email + "\",\"name\":\"Test Customer\"}");
            if (r.status() != 201) {
                throw new IllegalStateException("customer not created: " + r.status() + " " + r.body());
            }
            return r.text("id");
        }

        /** The form token of this client's session, from the sign-in page. */
        String formToken() {
            String page = get("/shop/signin").body();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_token\" value=\"([^\"]+)\"").matcher(page);
            if (!m.find()) {
                throw new IllegalStateException("no form token on the sign-in page");
            }
            return m.group(1);
        }

        /** Signs in through the shop's sign-in form, as a shopper's browser does. */
        Client signIn(String email) {
            Reply r = postForm("/shop/signin", "_token=" + formToken() + "&email="
                    + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8));
            if (r.status() != 302 && r.status() != 303) {
                throw new IllegalStateException("sign-in failed: " + r.status());
            }
            return this;
        }
    }

    static Client admin() {
        return new Client(TOKEN);
    }

    static Client nobody() {
        return new Client(null);
    }

    /**
     * A fingerprint of every row of every table in the shop's and Kizuna's schemas, by table, so a test can tell
     * that a refused request changed nothing. Tables that change on their own (the scheduler's, the node's
     * heartbeat) are left out by {@code ignored}.
     */
    Map<String, String> fingerprint(List<String> ignored) {
        try (Connection c = database.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT table_schema || '.' || table_name FROM information_schema.tables
                    WHERE table_schema IN ('shop', 'kizuna') AND table_type = 'BASE TABLE' ORDER BY 1""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            Map<String, String> out = new TreeMap<>();
            for (String t : tables) {
                if (ignored.stream().anyMatch(t::contains)) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM " + t + " x");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.put(t, rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
