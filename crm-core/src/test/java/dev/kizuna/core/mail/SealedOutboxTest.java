package dev.kizuna.core.mail;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.core.web.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@KizunaTest(perMethod = true)
class SealedOutboxTest {

    private long enqueue(KizunaRuntime kizuna, String to, String name) {
        kizuna.context().database().inTransaction(tx -> kizuna.context().mail().enqueue(tx, null, to, "en",
                "test-welcome", Map.of("name", name), null));
        return kizuna.context().database().inTransaction(tx -> tx.sql().number("SELECT max(id) FROM mail_outbox"));
    }

    private String stored(KizunaRuntime kizuna, long id) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT concat_ws('|', to_address, subject, body_html) FROM mail_outbox WHERE id = ?",
                rs -> rs.getString(1), id)).orElseThrow();
    }

    @Test
    void address_subject_and_body_are_ciphertext_that_the_outbox_opens(KizunaRuntime kizuna) {
        long id = enqueue(kizuna, "hanako@example.jp", "Hanako");
        assertThat(stored(kizuna, id).split("\\|")).hasSize(3).allMatch(v -> v.startsWith("v1.k1."));
        assertThat(stored(kizuna, id)).doesNotContain("hanako", "Hanako");
        MailOutbox.OutgoingMail mail = kizuna.context().database().inTransaction(tx -> kizuna.context().mail().newest(tx, 1, 0)).get(0);
        assertThat(mail.to()).isEqualTo("hanako@example.jp");
        assertThat(mail.subject() + mail.bodyHtml()).contains("Hanako");
    }

    @Test
    void support_and_marketing_see_outbox_entries_masked_and_only_admin_in_full(KizunaRuntime kizuna, ApiClient api) {
        enqueue(kizuna, "hanako@example.jp", "Hanako");
        ApiClient.Reply full = api.call(new ApiClient.Console(Role.ADMIN), "GET", "/outbox", null);
        assertThat(full.json().get(0).get("to").asText()).isEqualTo("hanako@example.jp");
        assertThat(full.json().get(0).get("bodyHtml").asText()).contains("Hanako");
        for (Role role : new Role[]{Role.SUPPORT, Role.MARKETER}) {
            ApiClient.Reply masked = api.call(new ApiClient.Console(role), "GET", "/outbox", null);
            assertThat(masked.status()).isEqualTo(200);
            assertThat(masked.json().get(0).get("to").asText()).isEqualTo("h***@example.jp");
            assertThat(masked.json().get(0).get("template").asText()).isEqualTo("test-welcome");
            assertThat(masked.text()).as(role.name()).doesNotContain("Hanako").doesNotContain("hanako@");
        }
    }

    @Test
    void sent_and_dead_mails_lose_address_subject_and_body_after_the_retention_period(KizunaRuntime kizuna) {
        Instant start = Instant.parse("2026-05-01T00:00:00Z");
        kizuna.context().clock().set(start);
        long sent = enqueue(kizuna, "sent@example.jp", "Sent");
        long dead = enqueue(kizuna, "dead@example.jp", "Dead");
        long pending = enqueue(kizuna, "pending@example.jp", "Pending");
        long recent = enqueue(kizuna, "recent@example.jp", "Recent");
        kizuna.context().database().execute(tx -> {
            tx.sql().update("UPDATE mail_outbox SET status = 'SENT', sent_at = ? WHERE id = ?", start, sent);
            tx.sql().update("UPDATE mail_outbox SET status = 'DEAD' WHERE id = ?", dead);
            tx.sql().update("UPDATE mail_outbox SET status = 'SENT', sent_at = ? WHERE id = ?",
                    start.plus(Duration.ofDays(20)), recent);
        });

        kizuna.context().clock().set(start.plus(Duration.ofDays(31)));
        JobRuns.JobRun run = kizuna.jobRuns().run(kizuna.context().jobs().find("mail-purge").orElseThrow(), "manual", null);
        assertThat(run.status()).as(run.error()).isEqualTo(JobRunStatus.SUCCEEDED);
        assertThat(run.outcome()).isEqualTo("purged 2 mails older than 30 days");

        assertThat(stored(kizuna, sent)).isEqualTo("||");
        assertThat(stored(kizuna, dead)).isEqualTo("||");
        assertThat(stored(kizuna, pending)).as("not yet sent").startsWith("v1.");
        assertThat(stored(kizuna, recent)).as("sent 11 days ago").startsWith("v1.");
        List<MailOutbox.OutgoingMail> mails = kizuna.context().database().inTransaction(tx -> kizuna.context().mail().newest(tx, 10, 0));
        MailOutbox.OutgoingMail purged = mails.stream().filter(m -> m.id() == sent).findFirst().orElseThrow();
        assertThat(purged.status()).as("the row stays, so its dedupe key still holds").isEqualTo("SENT");
        assertThat(purged.to()).isEmpty();
    }

    @Test
    void an_erased_customers_mails_are_blanked_and_those_not_yet_sent_never_go_out(KizunaRuntime kizuna) {
        kizuna.publisher().publish(new CustomerRegistered("reg-erase", Instant.now(), "E-1", "erase@example.jp", "Erin",
                null, "en", Map.of("mail", true)));
        long member = kizuna.context().database().inTransaction(tx -> Members.find(tx, "E-1")).orElseThrow();
        kizuna.context().database().inTransaction(tx -> kizuna.context().mail().enqueue(tx, member, "erase@example.jp",
                "en", "test-welcome", Map.of("name", "Erin"), null));
        long other = enqueue(kizuna, "keep@example.jp", "Keep");

        kizuna.publisher().publish(new CustomerDeleted("del-erase", Instant.now(), "E-1"));
        MailOutbox.OutgoingMail erased = kizuna.context().database()
                .inTransaction(tx -> kizuna.context().mail().forMember(tx, member, 10)).get(0);
        assertThat(erased.to() + erased.subject() + erased.bodyHtml()).isEmpty();
        assertThat(erased.status()).isEqualTo("DEAD");
        assertThat(stored(kizuna, other)).as("other customers' mails stay").startsWith("v1.");
    }
}
