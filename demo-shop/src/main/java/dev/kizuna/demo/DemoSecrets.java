package dev.kizuna.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The demo's keys, kept in {@code kizuna-secrets.properties} in its data directory. */
final class DemoSecrets {
    static final String FILE = "kizuna-secrets.properties";
    private static final Logger log = LoggerFactory.getLogger(DemoSecrets.class);

    private DemoSecrets() {
    }

    /**
     * The encryption, blind index and signing keys, made once and kept beside the data (a real install takes them
     * from its secret store); losing them makes encrypted PII unreadable, so they live with the data they protect.
     * The file is created readable by its owner only (0600, set as it is created, never widened after); one found
     * readable by others is narrowed and named in the log, since anyone who read it could open every sealed field.
     */
    static Map<String, String> load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        Properties p = new Properties();
        boolean exists = Files.exists(file);
        if (exists) {
            ownerOnly(file);
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        SecureRandom random = new SecureRandom();
        boolean added = false;
        for (String key : new String[]{"kizuna.crypto.keys", "kizuna.crypto.index-key", "kizuna.crypto.token-key"}) {
            if (p.getProperty(key) == null) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                String value = Base64.getEncoder().encodeToString(bytes);
                p.setProperty(key, switch (key) {
                    case "kizuna.crypto.keys" -> "k1:" + value;
                    case "kizuna.crypto.index-key" -> "i1:" + value;
                    default -> value;
                });
                added = true;
            }
        }
        if (added) {
            Files.createDirectories(dataDir);
            Path fresh = Files.createTempFile(dataDir, "kizuna-secrets", ".tmp", OWNER_ONLY);
            try (var out = Files.newBufferedWriter(fresh, StandardCharsets.UTF_8)) {
                p.store(out, "Kizuna demo keys: keep with the data directory");
            }
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** Narrows a secrets file that group or others can read or write (file systems without POSIX modes are left as they are). */
    private static void ownerOnly(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        open.retainAll(mode);
        if (!open.isEmpty()) {
            log.warn("{} was readable by others ({}); narrowed to owner only: rotate its keys if others may have read it",
                    file, PosixFilePermissions.toString(mode));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
