package dev.kizuna.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kizuna.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kizuna replay} against a stand-in for the demo shop's HTTP API that records what it is sent; the real
 * shop's behaviour (dev-only {@code placedAt}, the jobs) is the demo shop's own business and its tests'.
 */
class ReplayCommandTest {
    static final String TOKEN = "t0ken";

    @TempDir
    Path dir;

    HttpServer server;
    ExecutorService threads;
    boolean devShop = true;
    final Set<String> knownEmails = ConcurrentHashMap.newKeySet();
    final List<JsonNode> customers = Collections.synchronizedList(new ArrayList<>());
    final Map<String, JsonNode> orders = new ConcurrentHashMap<>();
    final Set<String> delivered = ConcurrentHashMap.newKeySet();
    final List<String> clock = Collections.synchronizedList(new ArrayList<>());
    final List<String> jobs = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong ids = new AtomicLong();
    /** Shop API calls sent without the admin token, which the demo shop needs for orders, deliveries and its clock. */
    final List<String> withoutToken = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newFixedThreadPool(8);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    String shop() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode json = body.isEmpty() ? null : Json.MAPPER.readTree(body);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (path.startsWith("/shop/api/") && authorization == null) {
            withoutToken.add(method + " " + path);
        }
        if (path.startsWith("/crm/api/") && !("Bearer " + TOKEN).equals(authorization)) {
            answer(exchange, 401, "{\"title\":\"Unauthorized\",\"detail\":\"sign in\"}");
            return;
        }
        if (method.equals("POST") && path.equals("/shop/api/dev/clock") && devShop) {
            clock.add(json.get("now").asText());
            answer(exchange, 200, "{\"now\":\"x\"}");
        } else if (method.equals("POST") && path.equals("/shop/api/customers")) {
            if (!knownEmails.add(json.get("email").asText())) {
                answer(exchange, 409, "{\"title\":\"Conflict\",\"detail\":\"a customer with this e-mail exists\"}");
                return;
            }
            customers.add(json);
            answer(exchange, 201, "{\"id\":\"" + ids.incrementAndGet() + "\"}");
        } else if (method.equals("POST") && path.equals("/shop/api/orders")) {
            String id = Long.toString(ids.incrementAndGet());
            orders.put(id, json);
            answer(exchange, 201, "{\"id\":\"" + id + "\"}");
        } else if (method.equals("POST") && path.matches("/shop/api/orders/\\d+/deliver")) {
            String id = path.split("/")[4];
            delivered.add(id);
            answer(exchange, orders.containsKey(id) ? 200 : 404, "{}");
        } else if (method.equals("POST") && path.matches("/crm/api/jobs/[a-z-]+/run")) {
            jobs.add(path.split("/")[4] + "?" + exchange.getRequestURI().getQuery());
            answer(exchange, 200, "{\"status\":\"SUCCEEDED\",\"outcome\":\"done\"}");
        } else if (method.equals("GET") && path.equals("/crm/api/ltv/model")) {
            answer(exchange, 200, """
                    {"current":{"customers":2,"repeatCustomers":1,"r":0.25,"alpha":4.5,"a":0.8,"b":2.5,
                     "logLikelihood":-12.5,"p":6.0,"q":3.5,"gamma":1500.0,"gammaGammaLogLikelihood":-7.25,
                     "horizonWeeks":52,"fitMillis":3},"history":[]}""");
        } else if (method.equals("GET") && path.equals("/crm/api/segments")) {
            answer(exchange, 200, """
                    {"segments":[{"key":"rfm:champions","kind":"rfm","members":1},
                                 {"key":"behaviour:first-order-only","kind":"behaviour","members":1},
                                 {"key":"ltv:top-decile","kind":"ltv","members":1}]}""");
        } else {
            answer(exchange, 404, "{\"title\":\"Not Found\",\"detail\":\"no route\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    Path log() throws IOException {
        return Files.writeString(dir.resolve("log.txt"), """
                 customer_id  date number_of_cds  dollar_value
                 00001 19970101  1   11.77
                 00002 19970112  1   12.00
                 00002 19970112  5   77.00
                 00001 19970402  2   20.76
                 00003 19970102  2   20.76
                 00002 19970301  1    0.00
                """);
    }

    CliRun replay(String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("replay", "--shop", shop(), "--admin-token", TOKEN,
                "--input", log().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void replays_each_purchase_as_a_dated_delivered_order_then_runs_the_jobs_and_prints_their_results() throws IOException {
        CliRun run = replay("--limit", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(customers).extracting(c -> c.get("email").asText())
                .containsExactlyInAnyOrder("cdnow-00001@example.com", "cdnow-00002@example.com");
        assertThat(orders.values()).hasSize(5).allSatisfy(o -> {
            assertThat(o.get("currency").asText()).isEqualTo("JPY");
            assertThat(o.get("lines")).hasSize(1);
        });
        Set<String> placed = new HashSet<>();
        for (JsonNode o : orders.values()) {
            placed.add(o.get("placedAt").asText() + " " + o.get("lines").get(0).get("unitPrice").asLong());
        }
        assertThat(placed).containsExactlyInAnyOrder(
                "1997-01-01T12:00+09:00 1177", "1997-04-02T12:00+09:00 2076",
                "1997-01-12T12:00+09:00 1200", "1997-01-12T12:00+09:00 7700", "1997-03-01T12:00+09:00 0");
        assertThat(delivered).isEqualTo(orders.keySet());
        assertThat(withoutToken).isEmpty();
        assertThat(clock).as("the day after the last replayed purchase").containsExactly("1997-04-03T00:00+09:00");
        assertThat(jobs).containsExactly("rfm-scoring?wait=true&timeoutSeconds=3600", "ltv-fit?wait=true&timeoutSeconds=3600");
        assertThat(run.out())
                .contains("read 5 purchases by 2 customers")
                .contains("2 customers registered, 0 already there")
                .contains("5 orders placed and delivered, 0 failed requests")
                .contains("rfm-scoring: SUCCEEDED")
                .contains("ltv-fit: SUCCEEDED")
                .contains("r=0.25\n").contains("alpha=4.5\n").contains("gamma=1500\n")
                .contains("rfm:champions").contains("ltv:top-decile").doesNotContain("behaviour:");
    }

    @Test
    void customers_already_in_the_shop_are_left_as_they_are() throws IOException {
        knownEmails.add("cdnow-00002@example.com");

        CliRun run = replay("--as-of", "1998-07-01");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 customers registered, 1 already there");
        assertThat(orders).hasSize(3);
        assertThat(clock).containsExactly("1998-07-01T00:00+09:00");
    }

    @Test
    void a_shop_not_in_dev_mode_is_refused_before_anything_is_written() throws IOException {
        devShop = false;

        CliRun run = replay();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("start the demo shop with --dev");
        assertThat(customers).isEmpty();
        assertThat(orders).isEmpty();
    }

    @Test
    void a_wrong_admin_token_fails_the_run_after_the_replay() throws IOException {
        CliRun run = CliRun.of("replay", "--shop", shop(), "--admin-token", "wrong", "--input", log().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(orders).hasSize(6);
        assertThat(run.err()).contains("cannot run rfm-scoring").contains("401").contains("--admin-token");
        assertThat(jobs).isEmpty();
    }

    @Test
    void a_malformed_line_stops_the_replay_before_any_request() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.txt"), " 00001 19970101 1 11.77\n 00002 1997011 1 12.00\n");

        CliRun run = CliRun.of("replay", "--shop", shop(), "--admin-token", TOKEN, "--input", bad.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 2:");
        assertThat(customers).isEmpty();
        assertThat(clock).isEmpty();
    }

    @Test
    void no_shop_at_the_address_is_said_plainly() throws IOException {
        server.stop(0);

        CliRun run = replay();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no shop answers at " + shop());
    }
}
