package dev.kizuna.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.kizuna.core.json.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook endpoint for tests: a JDK HTTP server on 127.0.0.1 that records every request and answers as scripted
 * (200 once the script is empty), and the Standard Webhooks check written from the specification, independent of
 * the sender's code.
 */
final class Receiver implements AutoCloseable {
    /** One request as the receiver saw it, and whether it accepted it (answered 2xx at once). */
    record Received(String id, String timestamp, String signature, String body, boolean accepted) {
        JsonNode json() {
            return Json.read(body, JsonNode.class);
        }

        String customer() {
            return json().path("data").path("customerId").asText();
        }

        String type() {
            return json().path("type").asText();
        }
    }

    enum Answer { OK, FAIL, HANG }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile Answer otherwise = Answer.OK;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Answer answer;
            synchronized (script) {
                answer = script.isEmpty() ? otherwise : script.poll();
            }
            var h = exchange.getRequestHeaders();
            received.add(new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), new String(body, StandardCharsets.UTF_8), answer == Answer.OK));
            if (answer == Answer.HANG) {
                sleep(2_500);
            }
            byte[] reply = (answer == Answer.OK ? "{\"ok\":true}" : "{\"error\":\"busy\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer == Answer.OK ? 200 : 500, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next answers, in order. */
    void answer(Collection<Answer> next) {
        synchronized (script) {
            script.addAll(next);
        }
    }

    /** The answer once the script is used up. */
    void otherwise(Answer answer) {
        otherwise = answer;
    }

    long accepted() {
        return received.stream().filter(Received::accepted).count();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean validSignature(Received r, String whsec) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(whsec.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
        for (String part : r.signature().split(" ")) {
            String[] versioned = part.split(",", 2);
            if (versioned[0].equals("v1") && MessageDigest.isEqual(Base64.getDecoder().decode(versioned[1]), expected)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
