package dev.kizuna.core.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MailOutboxTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    static KizunaRuntime kizuna;

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install(new FakeHost(), Map.of(
                "kizuna.mail.smtp.host", "127.0.0.1",
                "kizuna.mail.smtp.port", Integer.toString(ServerSetupTest.SMTP.getPort()),
                "kizuna.mail.from", "shop@example.jp"));
    }

    @AfterAll
    static void close() {
        kizuna.close();
    }

    @Test
    void a_mail_written_with_its_cause_is_delivered_once_over_smtp_and_escaped() throws Exception {
        boolean first = kizuna.context().database().inTransaction(tx -> kizuna.context().mail().enqueue(tx, null,
                "hanako@example.jp", "ja", "test-welcome", Map.of("name", "<b>花子</b>"), "welcome:1"));
        boolean again = kizuna.context().database().inTransaction(tx -> kizuna.context().mail().enqueue(tx, null,
                "hanako@example.jp", "ja", "test-welcome", Map.of("name", "花子"), "welcome:1"));
        assertThat(first).isTrue();
        assertThat(again).as("same dedupe key").isFalse();

        var run = kizuna.jobRuns().run(kizuna.context().jobs().find("mail-delivery").orElseThrow(), "manual", null);
        assertThat(run.outcome()).isEqualTo("sent 1, failed 0");

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("<b>花子</b>様、ようこそ");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("hanako@example.jp");
        assertThat((String) received[0].getContent()).contains("&lt;b&gt;花子&lt;/b&gt;様").doesNotContain("<b>");

        kizuna.jobRuns().run(kizuna.context().jobs().find("mail-delivery").orElseThrow(), "manual", null);
        assertThat(smtp.getReceivedMessages()).as("sent mails are not sent again").hasSize(1);
    }

    @Test
    void a_rolled_back_cause_leaves_no_mail() {
        long before = kizuna.context().database().inTransaction(tx -> tx.sql().number("SELECT count(*) FROM mail_outbox"));
        try {
            kizuna.context().database().execute(tx -> {
                kizuna.context().mail().enqueue(tx, null, "taro@example.jp", "en", "test-welcome", Map.of("name", "Taro"), null);
                throw new IllegalStateException("the coupon could not be issued");
            });
        } catch (IllegalStateException expected) {
            // the cause failed
        }
        long after = kizuna.context().database().inTransaction(tx -> tx.sql().number("SELECT count(*) FROM mail_outbox"));
        assertThat(after).isEqualTo(before);
    }
}
