package dev.kizuna.core.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox and the delivery job read one clock, the shop's: in a dev install whose clock was moved, a mail is
 * stamped, sent and retried in shop time, so a retry due in shop time is attempted and a mail is not sent before it
 * was written.
 */
class MailDeliveryClockTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @Test
    void a_mail_is_sent_in_shop_time_on_a_moved_clock() {
        try (KizunaRuntime kizuna = TestKizuna.install(new FakeHost(), Map.of(
                "kizuna.mail.smtp.host", "127.0.0.1",
                "kizuna.mail.smtp.port", Integer.toString(ServerSetupTest.SMTP.getPort()),
                "kizuna.mail.from", "shop@example.jp"))) {
            kizuna.context().clock().set(Instant.now().plus(Duration.ofDays(3)));
            enqueue(kizuna);

            assertThat(deliver(kizuna)).isEqualTo("sent 1, failed 0");
            Instant[] stamps = kizuna.context().database().inTransaction(tx -> tx.sql().one(
                    "SELECT created_at, sent_at FROM mail_outbox", rs -> new Instant[] {
                            rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()}).orElseThrow());
            assertThat(stamps[1]).as("sent in shop time, not before it was written").isAfterOrEqualTo(stamps[0]);
        }
    }

    @Test
    void a_failed_mail_is_retried_once_its_backoff_has_passed_in_shop_time() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (KizunaRuntime kizuna = TestKizuna.install(new FakeHost(), Map.of(
                "kizuna.mail.smtp.host", "127.0.0.1",
                "kizuna.mail.smtp.port", Integer.toString(closedPort),
                "kizuna.mail.from", "shop@example.jp"))) {
            enqueue(kizuna);
            assertThat(deliver(kizuna)).isEqualTo("sent 0, failed 1");

            assertThat(deliver(kizuna)).as("the first backoff has not passed").isEqualTo("sent 0, failed 0");

            kizuna.context().clock().set(Instant.now().plus(Duration.ofHours(1)));
            assertThat(deliver(kizuna)).as("an hour later in shop time the retry is due").isEqualTo("sent 0, failed 1");
            long attempts = kizuna.context().database().inTransaction(tx -> tx.sql().number(
                    "SELECT attempts FROM mail_outbox"));
            assertThat(attempts).isEqualTo(2);
        }
    }

    private static void enqueue(KizunaRuntime kizuna) {
        boolean written = kizuna.context().database().inTransaction(tx -> kizuna.context().mail().enqueue(tx, null,
                "hanako@example.jp", "ja", "test-welcome", Map.of("name", "花子"), null));
        assertThat(written).isTrue();
    }

    private static String deliver(KizunaRuntime kizuna) {
        return kizuna.jobRuns().run(kizuna.context().jobs().find("mail-delivery").orElseThrow(), "manual", null).outcome();
    }
}
