package dev.kizuna.messaging.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.kizuna.core.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the LINE Messaging API's push endpoint, speaking its documented shapes: {@code POST
 * /v2/bot/message/push} with a bearer token and a JSON body; 200 with {@code {"sentMessages":[…]}}, or an error body
 * {@code {"message": …}} with its status (429 with {@code Retry-After}, 5xx). Replies are scripted in order; when
 * the script is empty it answers 200.
 */
public final class LineFake implements AutoCloseable {
    public record Push(String authorization, String retryKey, JsonNode body) {
    }

    public final List<Push> pushes = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private final HttpServer server;

    public LineFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/bot/message/push", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            pushes.add(new Push(exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Line-Retry-Key"),
                    Json.MAPPER.readTree(new String(in, StandardCharsets.UTF_8))));
            Integer status;
            synchronized (script) {
                status = script.poll();
            }
            int s = status == null ? 200 : status;
            String body = s == 200 ? "{\"sentMessages\":[{\"id\":\"461230966842064897\",\"quoteToken\":\"IStG5h1Tz7b\"}]}"
                    : s == 429 ? "{\"message\":\"The API rate limit has been exceeded. Try again later.\"}"
                    : "{\"message\":\"An error occurred in the internal server.\"}";
            if (s == 429) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("x-line-request-id", "req-" + pushes.size());
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(s, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    public void reply(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
