package dev.kizuna.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoSecretsTest {

    @Test
    void the_keys_file_is_created_readable_by_its_owner_only(@TempDir Path data) throws Exception {
        Map<String, String> keys = DemoSecrets.load(data.resolve(DemoSecrets.FILE), DemoSecrets.Installation.NEW);
        Path file = data.resolve(DemoSecrets.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(keys).containsKeys("kizuna.crypto.keys", "kizuna.crypto.index-key", "kizuna.crypto.token-key");
        assertThat(keys.get("kizuna.crypto.index-key")).startsWith("i1:");
        assertThat(DemoSecrets.load(data.resolve(DemoSecrets.FILE), DemoSecrets.Installation.NEW)).as("made once, then kept").isEqualTo(keys);
        try (var files = Files.list(data)) {
            assertThat(files).as("no temporary file left beside it").containsExactly(file);
        }
    }

    @Test
    void a_keys_file_readable_by_others_is_narrowed_and_gets_the_keys_it_lacks(@TempDir Path data) throws Exception {
        Path file = data.resolve(DemoSecrets.FILE);
        // as written before blind indexes, with the umask's 0644
        Files.writeString(file, "kizuna.crypto.keys=k1\\:AAAA\nkizuna.crypto.token-key=BBBB\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        Map<String, String> keys = DemoSecrets.load(data.resolve(DemoSecrets.FILE), DemoSecrets.Installation.NEW);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(keys).containsEntry("kizuna.crypto.keys", "k1:AAAA").containsEntry("kizuna.crypto.token-key", "BBBB")
                .containsKey("kizuna.crypto.index-key");
        assertThat(DemoSecrets.load(data.resolve(DemoSecrets.FILE), DemoSecrets.Installation.NEW)).isEqualTo(keys);
    }

    @Test
    void a_node_on_a_database_with_kizuna_data_never_makes_up_keys(@TempDir Path data) throws Exception {
        DemoSecrets.Installation sealed = new DemoSecrets.Installation(false, Set.of("ENCRYPTION", "INDEX", "TOKEN"));
        Path file = data.resolve("node-b").resolve(DemoSecrets.FILE);
        assertThatThrownBy(() -> DemoSecrets.load(file, sealed))
                .isInstanceOf(DemoSecrets.Missing.class).hasMessageContaining("--secrets-file");
        assertThat(file).doesNotExist();

        Path lacking = data.resolve(DemoSecrets.FILE);
        Files.writeString(lacking, "kizuna.crypto.keys=k1\\:AAAA\nkizuna.crypto.token-key=BBBB\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DemoSecrets.load(lacking, sealed))
                .isInstanceOf(DemoSecrets.Missing.class).hasMessageContaining("kizuna.crypto.index-key");
        assertThat(DemoSecrets.load(lacking, new DemoSecrets.Installation(false, Set.of("ENCRYPTION", "TOKEN"))))
                .as("a kind of key the database never recorded is still made").containsKey("kizuna.crypto.index-key");
    }
}
