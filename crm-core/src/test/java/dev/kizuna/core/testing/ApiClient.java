package dev.kizuna.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.json.Json;
import dev.kizuna.core.web.PageServlet;
import dev.kizuna.core.web.Role;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Kizuna's JSON API and module pages as a module's tests meet them: the real {@code ApiServlet} of an installed
 * runtime at {@code /crm/api/*} and its {@link PageServlet} at {@code /crm/*} on an embedded Jetty, called over HTTP
 * as a given caller. Callers are named the way {@link FakeHost} reads
 * them; the client address comes through {@code X-Forwarded-For}, as behind a shop's proxy. Every API exchange is
 * checked against the runtime's OpenAPI document ({@link ApiContract}).
 */
public final class ApiClient implements AutoCloseable {

    /** Who calls. */
    public sealed interface As permits Token, Console, Shopper, Nobody {
    }

    /** The dev bearer token of {@link TestKizuna}: an admin. */
    public record Token() implements As {
    }

    /** A console user of this role, vouched for by the host's admin login. */
    public record Console(Role role) implements As {
    }

    /** The host's signed-in shopper, from an address, reading in a language. */
    public record Shopper(String customerRef, String address, String lang) implements As {
        public Shopper(String customerRef) {
            this(customerRef, "198.51.100.7", "en");
        }
    }

    public record Nobody() implements As {
    }

    /** The answer: status, the body parsed when it is JSON, the body as text, and the headers (lower-case names). */
    public record Reply(int status, JsonNode json, String text, Map<String, String> headers) {
    }

    private final Server server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final ApiContract contract;
    private boolean holdsRequestsToContract = true;

    public ApiClient(KizunaRuntime kizuna) {
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new ForwardedRequestCustomizer());
        server = new Server();
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.addServlet(new ServletHolder(kizuna.apiServlet()), "/crm/api/*");
        context.addServlet(new ServletHolder(new PageServlet(kizuna.context()::pages, null)), "/crm/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot serve the API for the test", e);
        }
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/crm";
        contract = ApiContract.of(kizuna);
    }

    /**
     * For tests that send bodies off the contract on purpose (hostile input): answers are still held to the document,
     * but a request the server accepts need not match its schema (the server may read more leniently than it documents).
     */
    public ApiClient sendingOffContractBodies() {
        holdsRequestsToContract = false;
        return this;
    }

    /** {@code http://127.0.0.1:<port>/crm}, for a request the callers above cannot make. */
    public String baseUrl() {
        return base;
    }

    public Reply call(As as, String method, String pathAndQuery, String body) {
        return call(as, null, method, pathAndQuery, body);
    }

    /** @param lang the Accept-Language; null: the shopper's, else English */
    public Reply call(As as, String lang, String method, String pathAndQuery, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api" + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Accept-Language", lang != null ? lang : as instanceof Shopper s ? s.lang() : "en");
        if (!(as instanceof Token)) {
            // the dev token is honoured from this machine only, so a token caller comes without a proxy
            b.header("X-Forwarded-For", as instanceof Shopper s ? s.address() : "198.51.100.1");
        }
        if (as instanceof Token) {
            b.header("Authorization", "Bearer " + TestKizuna.ADMIN_TOKEN);
        } else if (as instanceof Console c) {
            b.header(FakeHost.ADMIN_HEADER, c.role().name());
        } else if (as instanceof Shopper s) {
            b.header(FakeHost.SHOPPER_HEADER, s.customerRef());
        }
        Reply reply = send(b, method + " " + pathAndQuery);
        // every exchange of every API test is held to the OpenAPI document, so the contract cannot drift
        contract.check(method, pathAndQuery, holdsRequestsToContract ? body : null, reply);
        return reply;
    }

    /**
     * A module page, e.g. {@code page("POST", "/survey/<token>", form)}: GET with the form as the query, POST with it
     * url-encoded, as a browser sends them; no caller.
     */
    public Reply page(String method, String path, Map<String, List<String>> form) {
        String encoded = form.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        boolean get = method.equals("GET");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path + (get && !encoded.isEmpty() ? "?" + encoded : "")))
                .method(method, get ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(encoded))
                .header("Content-Type", "application/x-www-form-urlencoded");
        return send(b, method + " " + path);
    }

    private Reply send(HttpRequest.Builder b, String what) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
            String type = headers.getOrDefault("content-type", "");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? Json.MAPPER.readTree(r.body()) : null;
            return new Reply(r.statusCode(), json, r.body(), headers);
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
