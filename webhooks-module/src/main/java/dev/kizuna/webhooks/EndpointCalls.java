package dev.kizuna.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One POST to an endpoint, bounded: the whole exchange (connect, headers, body) within the timeout, at most
 * {@code maxResponseBytes} of the answer read, redirects never followed (a 3xx is a failure like any non-2xx).
 */
final class EndpointCalls {

    /** What came of a call: the status (none when no answer came), the answer's start, or why it failed. */
    record Outcome(Integer status, String excerpt, String error, long latencyMillis) {
        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final int maxResponseBytes;

    EndpointCalls(Duration timeout, int maxResponseBytes) {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    Outcome post(URI uri, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request.build(), info -> new Capped(maxResponseBytes));
        try {
            HttpResponse<byte[]> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String text = new String(response.body(), StandardCharsets.UTF_8);
            return new Outcome(response.statusCode(), excerpt(text), null, millisSince(start));
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Outcome(null, null, "timed out after " + timeout.toMillis() + " ms", millisSince(start));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof HttpTimeoutException ? "timed out after " + timeout.toMillis() + " ms"
                    : cause instanceof IOException ? "connection failed: " + cause.getClass().getSimpleName()
                    : "failed: " + cause.getClass().getSimpleName();
            return new Outcome(null, null, why, millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return new Outcome(null, null, "interrupted", millisSince(start));
        }
    }

    private static String excerpt(String text) {
        return text.length() <= WebhookSettings.EXCERPT_CHARS ? text : text.substring(0, WebhookSettings.EXCERPT_CHARS);
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Keeps the first {@code max} bytes of a body and stops reading there. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final byte[] kept;
        private int size;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Capped(int max) {
            this.max = max;
            this.kept = new byte[max];
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                int n = Math.min(b.remaining(), max - size);
                b.get(kept, size, n);
                size += n;
            }
            if (size >= max) {
                subscription.cancel();
                onComplete();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(java.util.Arrays.copyOf(kept, size));
        }
    }
}
