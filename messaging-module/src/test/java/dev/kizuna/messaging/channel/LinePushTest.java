package dev.kizuna.messaging.channel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The push client against the local LINE stand-in: request shape, retries of 429 and 5xx with one retry key. */
class LinePushTest {
    LineFake line;
    LinePush push;

    @BeforeEach
    void start() throws Exception {
        line = new LineFake();
        push = new LinePush(line.baseUrl(), "channel-token", 3, Duration.ofMillis(10));
    }

    @AfterEach
    void stop() {
        line.close();
    }

    @Test
    void a_push_sends_the_messaging_api_shape_with_the_bearer_token_and_a_retry_key() throws Exception {
        LinePush.Result r = push.push(42, "U4af4980629", "こんにちは");
        assertThat(r.outcome()).isEqualTo(LinePush.Outcome.DELIVERED);
        assertThat(line.pushes).hasSize(1);
        LineFake.Push p = line.pushes.get(0);
        assertThat(p.authorization()).isEqualTo("Bearer channel-token");
        assertThat(p.retryKey()).isEqualTo(LinePush.retryKey(42)).matches("[0-9a-f-]{36}");
        assertThat(p.body().get("to").asText()).isEqualTo("U4af4980629");
        assertThat(p.body().at("/messages/0/type").asText()).isEqualTo("text");
        assertThat(p.body().at("/messages/0/text").asText()).isEqualTo("こんにちは");
    }

    @Test
    void a_throttled_push_is_retried_with_the_same_retry_key() throws Exception {
        line.reply(429, 500);
        LinePush.Result r = push.push(7, "U1", "hi");
        assertThat(r.outcome()).isEqualTo(LinePush.Outcome.DELIVERED);
        assertThat(line.pushes).hasSize(3).extracting(LineFake.Push::retryKey).containsOnly(LinePush.retryKey(7));
        assertThat(LinePush.retryKey(8)).isNotEqualTo(LinePush.retryKey(7));
    }

    @Test
    void a_push_still_throttled_after_the_attempts_waits_for_the_next_run_and_a_refusal_is_not_retried()
            throws Exception {
        line.reply(429, 429, 503);
        assertThat(push.push(1, "U1", "hi").outcome()).isEqualTo(LinePush.Outcome.RETRY_LATER);
        assertThat(line.pushes).hasSize(3);
        line.reply(400);
        LinePush.Result refused = push.push(2, "U1", "hi");
        assertThat(refused.outcome()).isEqualTo(LinePush.Outcome.REFUSED);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(line.pushes).hasSize(4);
    }
}
