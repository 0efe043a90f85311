package dev.kizuna.segment.timeline;

import dev.kizuna.core.Kizuna;
import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.spi.CustomerRegistered;
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

/**
 * Support notes written under the old key still open after {@code pii-key-rotation} has resealed them and the old key
 * has left the configuration (the kernel's {@code KeyRotationTest} holds the same for its own places).
 */
class SupportNoteKeyRotationTest {
    private static String key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    private static KizunaRuntime install(String url, String keys, String current) {
        Map<String, String> c = new HashMap<>(TestKizuna.config(url));
        c.put("kizuna.crypto.keys", keys);
        c.put("kizuna.crypto.current-key", current);
        return Kizuna.install(new FakeHost(), KizunaConfig.of(c));
    }

    private static SupportNotes notes(KizunaRuntime k) {
        return k.context().ports().require(SupportNotes.class);
    }

    private static List<String> storedBodies(KizunaRuntime k) {
        return k.context().database().inTransaction(tx -> tx.sql().list(
                "SELECT body FROM support_note ORDER BY id", rs -> rs.getString(1)));
    }

    private static JobRuns.JobRun rotate(KizunaRuntime k) {
        return k.jobRuns().run(k.context().jobs().find("pii-key-rotation").orElseThrow(), "manual", null);
    }

    @Test
    void a_note_written_under_the_old_key_reads_after_rotation_and_retirement_of_that_key() {
        String url = TestDatabases.freshDatabase();
        String k1 = "k1:" + key(1);
        String k2 = "k2:" + key(2);
        long phoned;
        long chatted;
        try (KizunaRuntime before = install(url, k1, "k1")) {
            for (String ref : List.of("N-1", "N-2")) {
                before.publisher().publish(new CustomerRegistered("reg-" + ref, Instant.now(), ref,
                        ref.toLowerCase() + "@example.jp", "Note " + ref, LocalDate.of(1985, 3, 4), "ja", Map.of(),
                        null));
            }
            phoned = notes(before).add("N-1", new SupportNote.Draft(SupportChannel.PHONE, SupportTopic.DELIVERY,
                    "配送日の変更を希望。6/5に再連絡", LocalDate.of(2026, 6, 5), "tester-support"), "tester-support").id();
            chatted = notes(before).add("N-2", new SupportNote.Draft(SupportChannel.CHAT, SupportTopic.RETURN,
                    "Wants to return the teapot", null, null), "tester-support").id();
        }

        try (KizunaRuntime rotating = install(url, k2 + "," + k1, "k2")) {
            assertThat(storedBodies(rotating)).allMatch(b -> b.startsWith("v1.k1."));
            JobRuns.JobRun run = rotate(rotating);
            assertThat(run.status()).as(run.error()).isEqualTo(JobRunStatus.SUCCEEDED);
            assertThat(run.outcome()).contains("support_note=2");
            assertThat(storedBodies(rotating)).hasSize(2).allMatch(b -> b.startsWith("v1.k2."));
            assertThat(rotate(rotating).outcome()).as("nothing left to reseal").contains("resealed 0 rows");
        }

        try (KizunaRuntime after = install(url, k2, "k2")) {
            SupportNote note = notes(after).find(phoned).orElseThrow();
            assertThat(note.text()).isEqualTo("配送日の変更を希望。6/5に再連絡");
            assertThat(note.customerRef()).isEqualTo("N-1");
            assertThat(notes(after).find(chatted).orElseThrow().text()).isEqualTo("Wants to return the teapot");
        }
    }
}
