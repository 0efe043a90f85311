package dev.kizuna.core.crypto;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestDatabases;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One key set per installation: a node with other keys refuses to start and says which key and what to do. */
class InstallationKeysTest {
    private static String key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    private static KizunaRuntime node(String url, Map<String, String> keys) {
        return TestKizuna.installNode(new FakeHost(), url, keys);
    }

    private static long count(KizunaRuntime k, String sql) {
        return k.context().database().inTransaction(tx -> tx.sql().number(sql));
    }

    @Test
    void a_second_node_with_the_same_keys_starts_and_one_with_other_keys_is_refused_naming_the_key() {
        String url = TestDatabases.freshDatabase();
        try (KizunaRuntime first = node(url, Map.of())) {
            assertThat(count(first, "SELECT count(*) FROM key_check")).as("encryption, index and token key").isEqualTo(3);
            try (KizunaRuntime second = node(url, Map.of())) {
                assertThat(second.context().cipher().decrypt(first.context().cipher().encrypt("sealed on one", "t:1"), "t:1"))
                        .isEqualTo("sealed on one");
            }
            assertThatThrownBy(() -> node(url, Map.of("kizuna.crypto.keys", "k1:" + key(9))))
                    .isInstanceOf(KeySetRefused.class)
                    .hasMessageContaining("encryption key 'k1'").hasMessageContaining("--secrets-file");
            assertThatThrownBy(() -> node(url, Map.of("kizuna.crypto.index-key", "i1:" + key(9))))
                    .isInstanceOf(KeySetRefused.class).hasMessageContaining("blind index key 'i1'");
            assertThatThrownBy(() -> node(url, Map.of("kizuna.crypto.token-key", key(9))))
                    .isInstanceOf(KeySetRefused.class).hasMessageContaining("token signing key");
            assertThat(count(first, "SELECT count(*) FROM key_check")).as("a refusal records nothing").isEqualTo(3);
        }
    }

    @Test
    void a_key_becomes_current_only_once_every_running_node_holds_it_and_leaves_only_after_a_finished_rotation() {
        String url = TestDatabases.freshDatabase();
        String k1 = TestKizuna.config(url).get("kizuna.crypto.keys");
        String k2 = "k2:" + key(2);
        try (KizunaRuntime a = node(url, Map.of())) {
            // a running node (its scheduler checked in to the cluster just now) that started with k1 only
            a.context().database().inTransaction(tx -> tx.sql().update("""
                    INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval)
                    VALUES ('kizuna', 'node-a', (extract(epoch FROM now()) * 1000)::bigint, 5000)"""));
            a.context().database().inTransaction(tx -> tx.sql().update(
                    "INSERT INTO node_keys (node_id, encryption_keys, current_key) VALUES ('node-a', '{k1}', 'k1')"));

            assertThatThrownBy(() -> node(url, Map.of("kizuna.crypto.keys", k2 + "," + k1, "kizuna.crypto.current-key", "k2")))
                    .isInstanceOf(KeySetRefused.class)
                    .hasMessageContaining("encryption key 'k2' current").hasMessageContaining("node-a");

            // step one: the new key is added everywhere, the old one stays current
            try (KizunaRuntime added = node(url, Map.of("kizuna.crypto.keys", k1 + "," + k2, "kizuna.crypto.current-key", "k1"))) {
                added.context().database().inTransaction(tx -> tx.sql().update(
                        "UPDATE node_keys SET encryption_keys = '{k1,k2}' WHERE node_id = 'node-a'"));
            }
            // step two: now it may become current
            try (KizunaRuntime rotated = node(url, Map.of("kizuna.crypto.keys", k2 + "," + k1, "kizuna.crypto.current-key", "k2"))) {
                assertThatThrownBy(() -> node(url, Map.of("kizuna.crypto.keys", k2)))
                        .as("k1 may still seal data until a rotation run finishes")
                        .isInstanceOf(KeySetRefused.class).hasMessageContaining("encryption key 'k1', which this node lacks");
                a.context().database().inTransaction(tx -> tx.sql().update(
                        "UPDATE node_keys SET current_key = 'k2' WHERE node_id = 'node-a'"));
                rotated.jobRuns().run(rotated.context().jobs().find("pii-key-rotation").orElseThrow(), "manual", null);
            }
            try (KizunaRuntime withoutOldKey = node(url, Map.of("kizuna.crypto.keys", k2))) {
                assertThat(withoutOldKey.context().cipher().currentKeyId()).isEqualTo("k2");
            }
        }
    }
}
