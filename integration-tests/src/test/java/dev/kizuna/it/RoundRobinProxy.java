package dev.kizuna.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load balancer as small as it gets: every request goes to the next node in turn (no stickiness, no added headers),
 * and it counts what each node answered. A node that is down is skipped, as a balancer's health check would.
 */
final class RoundRobinProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection");

    private final List<Node> nodes;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final ExecutorService workers = Executors.newFixedThreadPool(8);

    record Node(String name, int port, AtomicLong hits) {
        Node(String name, int port) {
            this(name, port, new AtomicLong());
        }
    }

    private final Map<String, Boolean> down = new ConcurrentHashMap<>();

    RoundRobinProxy(List<Node> nodes) throws IOException {
        this.nodes = nodes;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(workers);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String base() {
        return "http://localhost:" + port();
    }

    long requests() {
        return requests.get();
    }

    List<Node> nodes() {
        return nodes;
    }

    /** Takes a node out of the rotation (it was killed); its requests go to the others. */
    void markDown(String name) {
        down.put(name, true);
    }

    private void forward(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Node node = pick();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port()
                            + exchange.getRequestURI().toString()))
                    .timeout(Duration.ofMinutes(3))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            node.hits().incrementAndGet();
            r.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.equals(":status")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] out = r.body();
            exchange.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    private Node pick() {
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
            if (!down.containsKey(n.name())) {
                return n;
            }
        }
        return nodes.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
