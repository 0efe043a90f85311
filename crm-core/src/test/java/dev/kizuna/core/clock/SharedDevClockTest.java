package dev.kizuna.core.clock;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestDatabases;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev clock is the installation's: a move on one node reaches the other, and a restart keeps it. */
class SharedDevClockTest {
    @Test
    void every_node_and_every_restart_reads_the_moved_clock() throws InterruptedException {
        String url = TestDatabases.freshDatabase();
        Instant moved = Instant.parse("2027-03-01T00:00:00Z");
        try (KizunaRuntime a = TestKizuna.installNode(new FakeHost(), url, Map.of());
             KizunaRuntime b = TestKizuna.installNode(new FakeHost(), url, Map.of())) {
            assertThat(Duration.between(Instant.now(), b.context().clock().instant()).abs()).isLessThan(Duration.ofMinutes(1));
            a.context().clock().set(moved);
            Instant seenByB = b.context().clock().instant();
            for (int i = 0; i < 40 && seenByB.isBefore(moved); i++) {
                Thread.sleep(ShopClock.REFRESH.toMillis());
                seenByB = b.context().clock().instant();
            }
            assertThat(Duration.between(moved, seenByB).abs()).isLessThan(Duration.ofMinutes(1));
        }
        try (KizunaRuntime restarted = TestKizuna.installNode(new FakeHost(), url, Map.of())) {
            assertThat(Duration.between(moved, restarted.context().clock().instant()).abs()).isLessThan(Duration.ofMinutes(1));
        }
    }
}
