package dev.kizuna.messaging.channel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kizuna.core.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The LINE Messaging API's push message: {@code POST /v2/bot/message/push} with the channel access token as bearer,
 * body {@code {"to": userId, "messages": [{"type": "text", "text": …}]}}. Each message carries one
 * {@code X-Line-Retry-Key} (a UUID derived from the message) on every attempt, so LINE accepts a retried push once: a
 * 409 with the {@code x-line-accepted-request-id} header means an earlier attempt went through. 429 and 5xx are
 * retried here a few times, waiting as {@code Retry-After} says (or doubling); 4xx is a refusal.
 */
public final class LinePush {
    /** LINE caps a text message at 5,000 characters. */
    static final int MAX_TEXT = 5_000;

    public enum Outcome { DELIVERED, RETRY_LATER, REFUSED }

    public record Result(Outcome outcome, int status, String detail) {
    }

    private final HttpClient http;
    private final String base;
    private final String token;
    private final int attempts;
    private final Duration firstWait;

    public LinePush(String base, String token, int attempts, Duration firstWait) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.attempts = attempts;
        this.firstWait = firstWait;
    }

    public boolean configured() {
        return !token.isBlank();
    }

    /** The retry key of a message: the same on every attempt, different between messages. */
    public static String retryKey(long messageId) {
        return UUID.nameUUIDFromBytes(("kizuna-message:" + messageId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Result push(long messageId, String userId, String text) throws InterruptedException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("to", userId);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("type", "text");
        message.put("text", text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + "/v2/bot/message/push"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .header("X-Line-Retry-Key", retryKey(messageId))
                    .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Duration wait = firstWait;
        Result last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return new Result(Outcome.DELIVERED, status, "");
                }
                if (status == 409 && response.headers().firstValue("x-line-accepted-request-id").isPresent()) {
                    // an earlier attempt with this retry key was accepted
                    return new Result(Outcome.DELIVERED, status, "accepted before");
                }
                last = new Result(status == 429 || status >= 500 ? Outcome.RETRY_LATER : Outcome.REFUSED, status,
                        errorMessage(response.body()));
                if (last.outcome() == Outcome.REFUSED) {
                    return last;
                }
                wait = retryAfter(response).orElse(wait);
            } catch (IOException e) {
                last = new Result(Outcome.RETRY_LATER, 0, e.getClass().getSimpleName());
            }
            if (attempt < attempts) {
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
        }
        return last;
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.min(60, Long.parseLong(v.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** LINE's error body is {@code {"message": …, "details": […]}}; only its message is kept (no user ids). */
    private static String errorMessage(String body) {
        try {
            return Json.MAPPER.readTree(body).path("message").asText("");
        } catch (IOException e) {
            return "";
        }
    }
}
