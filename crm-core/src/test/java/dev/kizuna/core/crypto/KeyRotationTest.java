package dev.kizuna.core.crypto;

import dev.kizuna.core.Kizuna;
import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.intake.EventPayloads;
import dev.kizuna.core.mail.MailOutbox;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.mirror.SealedMembers;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.SearchPerformed;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestDatabases;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A new key becomes current, the rotation job reseals everything, the old key goes, and everything still reads. */
class KeyRotationTest {
    private static String key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    private static KizunaRuntime install(String url, String keys, String current, String indexKey) {
        Map<String, String> c = new HashMap<>(TestKizuna.config(url));
        c.put("kizuna.crypto.keys", keys);
        c.put("kizuna.crypto.current-key", current);
        c.put("kizuna.crypto.index-key", indexKey);
        return Kizuna.install(new FakeHost(), KizunaConfig.of(c));
    }

    private static long count(KizunaRuntime k, String sql) {
        return k.context().database().inTransaction(tx -> tx.sql().number(sql));
    }

    @Test
    void after_the_rotation_job_the_old_key_can_be_removed_and_everything_still_reads() {
        String url = TestDatabases.freshDatabase();
        String k1 = "k1:" + key(1);
        String k2 = "k2:" + key(2);
        String i1 = "i1:" + key(11);
        String i2 = "i2:" + key(12);
        try (KizunaRuntime before = install(url, k1, "k1", i1)) {
            for (int i = 0; i < 3; i++) {
                before.publisher().publish(new CustomerRegistered("r-" + i, Instant.now(), "R-" + i, "r" + i + "@example.jp",
                        "Rotation " + i, LocalDate.of(1980 + i, 5, 1 + i), "en", Map.of(), "03-0000-000" + i));
            }
            before.context().database().inTransaction(tx -> before.context().mail().enqueue(tx,
                    Members.find(tx, "R-0").orElseThrow(), "r0@example.jp", "en", "test-welcome", Map.of("name", "R0"), null));
            before.publisher().publish(new SearchPerformed("s-0", Instant.now(), "R-0", "rotation teapot", 1));
            before.publisher().publish(new SearchPerformed("s-anon", Instant.now(), null, "anonymous teapot", 0));
            before.context().database().inTransaction(tx -> before.context().mail().enqueue(tx,
                    null, "ops@example.jp", "en", "test-welcome", Map.of("name", "Ops"), null));
        }

        try (KizunaRuntime rotating = install(url, k2 + "," + k1, "k2", i2)) {
            assertThat(count(rotating, "SELECT count(*) FROM member WHERE email LIKE 'v1.k1.%'")).isEqualTo(3);
            JobRuns.JobRun run = rotating.jobRuns().run(rotating.context().jobs().find("pii-key-rotation").orElseThrow(),
                    "manual", null);
            assertThat(run.status()).as(run.error()).isEqualTo(JobRunStatus.SUCCEEDED);
            assertThat(run.done()).as("every member and the rows of no member").isEqualTo(4);
            assertThat(run.outcome()).contains("member=3", "mail_outbox=2", "event_inbox=5", "behaviour_event=2");
            JobRuns.JobRun again = rotating.jobRuns().run(rotating.context().jobs().find("pii-key-rotation").orElseThrow(),
                    "manual", null);
            assertThat(again.outcome()).as("nothing left to reseal").contains("resealed 0 rows");
        }

        try (KizunaRuntime after = install(url, k2, "k2", i2)) {
            assertThat(count(after, """
                    SELECT count(*) FROM member WHERE email LIKE 'v1.k1.%' OR display_name LIKE 'v1.k1.%'
                      OR phone LIKE 'v1.k1.%' OR birth_date LIKE 'v1.k1.%' OR index_key <> 'i2'""")).isZero();
            assertThat(count(after, "SELECT count(*) FROM event_inbox WHERE payload::text LIKE '%v1.k1.%'")).isZero();
            assertThat(count(after, "SELECT count(*) FROM behaviour_event WHERE query LIKE 'v1.k2.%'")).isEqualTo(2);
            SealedMembers members = after.context().members();
            after.context().database().inTransaction(tx -> {
                long r1 = Members.find(tx, "R-1").orElseThrow();
                assertThat(members.read(tx, r1)).isEqualTo(new SealedMembers.Pii("r1@example.jp", "Rotation 1",
                        "03-0000-0001", LocalDate.of(1981, 5, 2)));
                assertThat(members.byEmail(tx, "R1@example.jp")).as("indexes recomputed with the new index key")
                        .containsExactly(r1);
                assertThat(members.byPhone(tx, "0300000001")).containsExactly(r1);
                assertThat(members.byNamePrefix(tx, "rota", 10)).hasSize(3);
                assertThat(tx.sql().number("SELECT count(*) FROM member WHERE birthday_index = ?",
                        (Object) after.context().blindIndex().birthday(5, 2))).isEqualTo(1);
                List<MailOutbox.OutgoingMail> mails = after.context().mail().newest(tx, 10, 0);
                assertThat(mails).extracting(MailOutbox.OutgoingMail::to).containsExactlyInAnyOrder("r0@example.jp", "ops@example.jp");
                assertThat(mails).allMatch(m -> m.bodyHtml().contains("R0") || m.bodyHtml().contains("Ops"));
                return null;
            });
            String payload = after.context().database().inTransaction(tx -> tx.sql().one(
                    "SELECT payload::text FROM event_inbox WHERE event_id = 'r-2'", rs -> rs.getString(1), new Object[0])).orElseThrow();
            assertThat(((CustomerRegistered) new EventPayloads(after.context().cipher())
                    .read("CustomerRegistered", payload)).email()).isEqualTo("r2@example.jp");
        }
    }
}
