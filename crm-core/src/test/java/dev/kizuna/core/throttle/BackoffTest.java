package dev.kizuna.core.throttle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The growing waits: free failures, then a wait doubling to its cap, forgotten after a quiet day; never a lock. */
class BackoffTest {
    final Backoff backoff = new Backoff(5, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(24));
    final Instant t0 = Instant.parse("2026-04-01T00:00:00Z");

    @Test
    void the_wait_starts_at_the_free_limit_and_doubles_up_to_the_cap() {
        assertThat(backoff.waitAfter(4)).isZero();
        assertThat(backoff.waitAfter(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.waitAfter(6)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.waitAfter(8)).isEqualTo(Duration.ofMinutes(8));
        assertThat(backoff.waitAfter(9)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.waitAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void after_the_wait_one_more_attempt_is_always_checked() {
        Backoff.Streak s = Backoff.Streak.NONE;
        for (int i = 0; i < 5; i++) {
            assertThat(backoff.waitAt(s, t0)).isEmpty();
            s = backoff.failed(s, t0);
        }
        assertThat(backoff.waitAt(s, t0)).contains(Duration.ofMinutes(1));
        assertThat(backoff.waitAt(s, t0.plusSeconds(60))).isEmpty();
        s = backoff.failed(s, t0.plusSeconds(60));
        assertThat(backoff.waitAt(s, t0.plusSeconds(61))).contains(Duration.ofSeconds(119));
    }

    @Test
    void a_refund_takes_back_one_failure_and_a_quiet_day_forgets_the_streak() {
        Backoff.Streak s = Backoff.Streak.NONE;
        for (int i = 0; i < 5; i++) {
            s = backoff.failed(s, t0);
        }
        assertThat(backoff.refunded(s, t0).failures()).isEqualTo(4);
        assertThat(backoff.waitAt(backoff.refunded(s, t0), t0)).isEmpty();
        assertThat(backoff.current(s, t0.plus(Duration.ofHours(24)))).isEqualTo(Backoff.Streak.NONE);
    }
}
